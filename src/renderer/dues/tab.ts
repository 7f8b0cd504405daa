/** The 党费 screen's tab, kept for the browser tab's session so that returning to 党费 returns to it. */
export type DuesTab = 'assessment' | 'collection' | 'arrears' | 'voluntary' | 'funds' | 'reports' | 'settings';
const TABS: readonly DuesTab[] = ['assessment', 'collection', 'arrears', 'voluntary', 'funds', 'reports', 'settings'];
const TAB_KEY = 'party-office-dues-tab';

export function storedDuesTab(): DuesTab {
  const stored = sessionStorage.getItem(TAB_KEY);
  return TABS.find((t) => t === stored) ?? 'assessment';
}

/** Chooses the tab the 党费 screen opens on (工作台's links to 设置, for one). */
export function storeDuesTab(tab: DuesTab): void {
  sessionStorage.setItem(TAB_KEY, tab);
}
