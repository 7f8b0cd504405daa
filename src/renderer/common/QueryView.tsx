import { Alert, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import type { QueryState } from '../api/use-query';

/** Loading and failure look the same everywhere; only the ready state is the caller's. */
export function QueryView<T>({ query, children }: { query: QueryState<T>; children: (data: T) => ReactNode }) {
  if (query.status === 'loading') {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (query.status === 'error') {
    return (
      <Alert color="red" title="读取失败">
        {query.error.message}
      </Alert>
    );
  }
  return <>{children(query.data)}</>;
}
