import type { Channel } from '../../shared/contract';
import type { Handlers } from '../handler-types';
import type { Workspace } from '../workspace';
import { duesStats } from './dues';
import { membershipStats } from './membership';

export type StatsChannel = Extract<Channel, `stats.${string}`>;

/** 工作台 statistics: the membership's structure and the year's 党费 collection, as of today. */
export function statsHandlers(ws: Workspace): Pick<Handlers, StatsChannel> {
  return {
    'stats.membership': () => membershipStats(ws.database(), ws.today()),
    'stats.dues': () => duesStats(ws.database(), ws.today()),
  };
}
