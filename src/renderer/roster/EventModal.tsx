import { Button, Group, Modal, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { formatChineseDate, isMonthOnly } from '../../shared/dates';
import type { MemberDetail, MemberEventInput } from '../../shared/members/views';
import { EVENT_LABEL } from '../../shared/members/views';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';

export type EventKind = MemberEventInput['kind'];

/** What each kind of status change asks for, in the words of the papers it comes with. */
const SPEC: Record<
  EventKind,
  {
    date: string;
    counterpart?: string;
    documentNo?: { label: string; required: boolean };
    months?: boolean;
    note?: { label: string; required: boolean };
    hint?: string;
  }
> = {
  transferOut: {
    date: '转出日期',
    counterpart: '转往单位',
    documentNo: { label: '介绍信编号', required: false },
    note: { label: '说明', required: false },
    hint: '接收单位应在一个月内寄回回执；逾期未收到时，工作台会提醒。',
  },
  transferIn: {
    date: '转入日期',
    counterpart: '转出单位',
    documentNo: { label: '介绍信编号', required: false },
    note: { label: '说明', required: false },
  },
  fullMembership: {
    date: '转正日期',
    note: { label: '说明', required: false },
    hint: '转正日期为预备期满之日，党龄从这一天算起。',
  },
  probationExtended: {
    date: '决定日期',
    months: true,
    documentNo: { label: '决定文号', required: false },
    note: { label: '延长原因', required: false },
    hint: '预备期只能延长一次，时间不少于半年、最长不超过一年。',
  },
  suspended: {
    date: '停止党籍日期',
    note: { label: '停止党籍原因', required: true },
    hint: '适用于出国（境）定居或失联超过6个月等情形，依组织决定登记。',
  },
  restored: {
    date: '恢复党籍日期',
    documentNo: { label: '决定文号', required: false },
    note: { label: '说明', required: false },
  },
  removed: {
    date: '决定日期',
    documentNo: { label: '决定文号', required: true },
    note: { label: '事由', required: false },
  },
  expelled: {
    date: '决定日期',
    counterpart: '决定机关',
    documentNo: { label: '决定文号', required: true },
    note: { label: '事由', required: false },
  },
  withdrew: {
    date: '决定日期',
    documentNo: { label: '决定文号', required: true },
    note: { label: '事由', required: false },
  },
  lapsed: {
    date: '决定日期',
    documentNo: { label: '决定文号', required: true },
    note: { label: '事由', required: false },
    hint: '连续六个月不参加组织生活、不交纳党费或不做党组织分配的工作，且没有正当理由的，由支部大会决定、报上级批准。程序不会自动作出此认定。',
  },
  deceased: { date: '去世日期', note: { label: '说明', required: false } },
  lostContact: { date: '失去联系日期', note: { label: '说明', required: false } },
  contactRestored: { date: '恢复联系日期', note: { label: '说明', required: false } },
};

export function EventModal({
  member,
  kind,
  today,
  onClose,
}: {
  member: MemberDetail;
  kind: EventKind;
  today: string;
  onClose: () => void;
}) {
  const spec = SPEC[kind];
  // A probation end known only to the month is no default for the day of 转正.
  const probationEnd = member.probationEndsOn && !isMonthOnly(member.probationEndsOn) ? member.probationEndsOn : null;
  const [on, setOn] = useState<string | null>(kind === 'fullMembership' ? probationEnd : today);
  const [counterpart, setCounterpart] = useState('');
  const [documentNo, setDocumentNo] = useState('');
  const [months, setMonths] = useState<number | string>(6);
  const [note, setNote] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    const event = { kind, on: on ?? '', counterpart, documentNo, months: Number(months), note } as Record<
      string,
      unknown
    >;
    if (!spec.counterpart) delete event.counterpart;
    if (!spec.documentNo) delete event.documentNo;
    if (!spec.months) delete event.months;
    await change('roster.recordEvent', { memberId: member.id, event: event as MemberEventInput });
    notifySaved(`已登记${member.name}${EVENT_LABEL[kind]}。`);
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`${member.name}：${EVENT_LABEL[kind]}`} size="lg">
      <form onSubmit={submit} onChange={edited} aria-label={EVENT_LABEL[kind]}>
        <Stack gap="sm">
          {spec.hint && (
            <Text size="sm" c="dimmed">
              {spec.hint}
            </Text>
          )}
          <DateField
            label={spec.date}
            withAsterisk
            value={on}
            onChange={setOn}
            maxDate={today}
            error={fieldError('on')}
            data-autofocus
          />
          {kind === 'fullMembership' && member.probationEndsOn && (
            <Text size="xs" c={probationEnd ? 'dimmed' : 'red'}>
              {probationEnd
                ? `预备期满之日：${formatChineseDate(probationEnd)}`
                : `入党日期只记到月份（${formatChineseDate(member.admittedOn)}），预备期满之日要按具体日期算：请先在党员信息中补全入党日期`}
            </Text>
          )}
          {spec.counterpart && (
            <TextInput
              label={spec.counterpart}
              withAsterisk
              value={counterpart}
              onChange={(e) => setCounterpart(e.currentTarget.value)}
              error={fieldError('event.counterpart')}
            />
          )}
          {spec.months && (
            <NumberInput
              label="延长月数"
              withAsterisk
              min={6}
              max={12}
              value={months}
              onChange={setMonths}
              suffix=" 个月"
              w={160}
            />
          )}
          {spec.documentNo && (
            <TextInput
              label={spec.documentNo.label}
              withAsterisk={spec.documentNo.required}
              value={documentNo}
              onChange={(e) => setDocumentNo(e.currentTarget.value)}
            />
          )}
          {spec.note && (
            <Textarea
              label={spec.note.label}
              withAsterisk={spec.note.required}
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
          )}
          <FormError error={error} inlineFields={['on']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button
              type="submit"
              loading={busy}
              color={['removed', 'expelled', 'withdrew', 'lapsed', 'deceased'].includes(kind) ? 'red' : undefined}
            >
              登记
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
