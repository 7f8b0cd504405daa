import { useState } from 'react';
import type { OrgUnit } from '../../shared/contract';
import type { DuesRuleSet } from '../../shared/dues/rules';
import { useQuery } from '../api/use-query';

/* What the 党费 screens share of state: tab choices kept for the session, the rule table, the branches. */

/** State that survives switching tabs and pages within this browser tab. */
export function useSessionState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = sessionStorage.getItem(`party-office-dues-${key}`);
    return stored === null ? initial : (JSON.parse(stored) as T);
  });
  return [
    value,
    (next: T) => {
      sessionStorage.setItem(`party-office-dues-${key}`, JSON.stringify(next));
      setValue(next);
    },
  ];
}

/** The whole rule table (shipped sets and the office's), or null while it loads: amounts are never previewed by a partial table. */
export function useRuleTable(): readonly DuesRuleSet[] | null {
  const sets = useQuery('dues.ruleSets', {});
  return sets.status === 'ready' ? sets.data : null;
}

export function useBranches(): OrgUnit[] {
  const units = useQuery('org.units', {});
  return units.status === 'ready' ? units.data.filter((u) => u.kind === 'branch' && !u.dissolvedOn) : [];
}
