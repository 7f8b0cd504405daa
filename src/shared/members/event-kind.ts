/** What can happen to a member, as the status timeline records it. Apart from views.ts so the dues rules can name it without a cycle. */
export type MemberEventKind =
  | 'joined'
  | 'transferIn'
  | 'transferOut'
  | 'fullMembership'
  | 'probationExtended'
  | 'suspended'
  | 'restored'
  | 'removed'
  | 'expelled'
  | 'withdrew'
  | 'lapsed'
  | 'deceased'
  | 'lostContact'
  | 'contactRestored';
