import { Badge } from '@mantine/core';
import type { TermState } from '../../shared/org';

export function TermBadge({ term }: { term: TermState }) {
  switch (term.kind) {
    case 'none':
      return null;
    case 'current':
      return (
        <Badge variant="light" color="teal" size="sm">
          任期内
        </Badge>
      );
    case 'endingSoon':
      return (
        <Badge variant="filled" color="orange" size="sm">
          {term.daysLeft === 0 ? '今天届满' : `${term.daysLeft}天后届满`}
        </Badge>
      );
    case 'expired':
      return (
        <Badge variant="filled" color="red" size="sm">
          已届满{term.daysOver}天
        </Badge>
      );
  }
}
