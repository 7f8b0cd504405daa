import { Checkbox, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { PersonView } from '../../shared/meetings/views';

export interface Attendance {
  present: number[];
  /** Absence reasons by person id; kept while a box is ticked again, sent only for those absent. */
  reasons: Record<number, string>;
}

export function attendanceOf(
  people: { personId: number; present: boolean; absenceReason: string | null }[],
): Attendance {
  return {
    present: people.filter((p) => p.present).map((p) => p.personId),
    reasons: Object.fromEntries(people.map((p) => [p.personId, p.absenceReason ?? ''])),
  };
}

/** The contract's shape: who is present, and a reason for each absentee that has one. */
export function attendancePayload(people: PersonView[], a: Attendance) {
  return {
    present: people.filter((p) => a.present.includes(p.id)).map((p) => p.id),
    absences: people
      .filter((p) => !a.present.includes(p.id) && a.reasons[p.id]?.trim())
      .map((p) => ({ personId: p.id, reason: a.reasons[p.id]!.trim() })),
  };
}

/** One box per person of the meeting, ticked when present; an absentee gets a field for the reason. */
export function AttendancePicker({
  people,
  value,
  onChange,
}: {
  people: PersonView[];
  value: Attendance;
  onChange: (next: Attendance) => void;
}) {
  const toggle = (id: number, present: boolean) =>
    onChange({ ...value, present: present ? [...value.present, id] : value.present.filter((x) => x !== id) });
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs" verticalSpacing="xs">
      {people.map((p) => {
        const present = value.present.includes(p.id);
        return (
          <Stack key={p.id} gap={4}>
            <Checkbox label={p.name} checked={present} onChange={(e) => toggle(p.id, e.currentTarget.checked)} />
            {!present && (
              <TextInput
                size="xs"
                placeholder="缺席原因"
                aria-label={`${p.name}缺席原因`}
                value={value.reasons[p.id] ?? ''}
                onChange={(e) => onChange({ ...value, reasons: { ...value.reasons, [p.id]: e.currentTarget.value } })}
              />
            )}
          </Stack>
        );
      })}
    </SimpleGrid>
  );
}
