import { useCallback, useEffect, useState } from 'react';
import type { Channel, Input, Output } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { invoke, onDataChanged } from './client';

export type QueryState<T> = { status: 'loading' } | { status: 'error'; error: AppError } | { status: 'ready'; data: T };

/** Loads a query channel and loads it again whenever a command has changed data. */
export function useQuery<C extends Channel>(
  channel: C,
  input: Input<C>,
): QueryState<Output<C>> & { reload: () => void } {
  const [state, setState] = useState<QueryState<Output<C>>>({ status: 'loading' });
  const key = JSON.stringify(input);
  const load = useCallback(() => {
    invoke(channel, JSON.parse(key) as Input<C>).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) =>
        setState({
          status: 'error',
          error: error instanceof AppError ? error : new AppError({ code: 'INTERNAL', message: String(error) }),
        }),
    );
  }, [channel, key]);
  useEffect(() => {
    load();
    return onDataChanged(load);
  }, [load]);
  return { ...state, reload: load };
}
