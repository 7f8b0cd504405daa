import type { Db } from '../db/open';
import { heldLeadershipMeetings, type HeldLeadershipMeeting } from '../meetings/held';

/*
 * What 一岗双责 needs from the 生活会 module: the 民主生活会 held in a year. The reverse of
 * src/core/meetings/duties-lookup.ts: each module answers its own question, and the other asks it.
 */
export interface MeetingsLookup {
  heldLeadershipMeetings(db: Db, year: number): HeldLeadershipMeeting[];
}

export const defaultMeetingsLookup: MeetingsLookup = { heldLeadershipMeetings };
