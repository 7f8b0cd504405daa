import { z } from 'zod';
import { recordId, requiredText } from './validation';

/*
 * 处室/部门: the organ's own departments, beside its party units. A member belongs to a 党支部 and
 * works in a 处室; the two do not always match (one branch for two small 处室, 离退休 members in
 * none). 一岗双责's 分管处室 name these.
 */

export interface Division {
  id: number;
  name: string;
  /** Members on the roster (正常、停止党籍) in this 处室. */
  memberCount: number;
  /** 一岗双责 班子成员 (any year) whose 分管处室 name it. */
  leaderCount: number;
  dissolvedOn: string | null;
}

export const divisionNameInput = z.strictObject({ name: requiredText('处室名称', 40) });
export const renameDivisionInput = z.strictObject({ id: recordId('处室'), name: requiredText('处室名称', 40) });
export const divisionIdInput = z.strictObject({ id: recordId('处室') });
