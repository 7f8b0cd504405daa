import { localToday } from '../../shared/dates';
import { useQuery } from '../api/use-query';

/** Today as the core sees it (the clock tests can set); the machine's own day while that loads. */
export function useToday(): string {
  const status = useQuery('app.status', {});
  return status.status === 'ready' && status.data.state === 'ready' ? status.data.today : localToday();
}
