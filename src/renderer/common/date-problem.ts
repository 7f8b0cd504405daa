/* A date field in error blocks its form's save (issue 16); kept apart from date-text.ts, which is pure. */

/** The attribute a date field's input carries while its text is refused; a save looks for it. */
export const DATE_PROBLEM_ATTRIBUTE = 'data-date-problem';

/** The first refused date text inside a form, or null: a field in error blocks saving. */
export function dateProblemIn(root: ParentNode | null): string | null {
  const input = root?.querySelector<HTMLElement>(`[${DATE_PROBLEM_ATTRIBUTE}]`);
  return input?.getAttribute(DATE_PROBLEM_ATTRIBUTE) ?? null;
}
