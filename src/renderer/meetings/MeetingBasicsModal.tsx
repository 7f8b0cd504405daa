import { Autocomplete, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  MEETING_KIND_LABEL,
  SPECIAL_TRIGGER_LABEL,
  SPECIAL_TRIGGERS,
  type SpecialTrigger,
} from '../../shared/meetings/rules';
import type { MeetingView } from '../../shared/meetings/views';
import { formatChineseDate } from '../../shared/dates';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { FormActions } from '../common/FormActions';

const FIELDS = [
  'theme',
  'heldOn',
  'place',
  'presider',
  'recorder',
  'superiorAttendees',
  'specialTrigger',
  'specialReason',
];

/** The meeting's basics as set at creation, corrected later: theme, day, place, who presides and records, who comes from above, and why a 专题 meeting is called. */
export function MeetingBasicsModal({ m, onClose }: { m: MeetingView; onClose: () => void }) {
  const [theme, setTheme] = useState(m.theme);
  const [heldOn, setHeldOn] = useState<string | null>(m.heldOn);
  const [place, setPlace] = useState(m.place ?? '');
  const [presider, setPresider] = useState(m.presider ?? '');
  const [recorder, setRecorder] = useState(m.recorder ?? '');
  const [superior, setSuperior] = useState(m.superiorAttendees ?? '');
  const [trigger, setTrigger] = useState<string | null>(m.specialTrigger);
  const [reason, setReason] = useState(m.specialReason ?? '');
  const special = m.kind === 'special';
  const names = m.people.map((p) => p.name);
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    const saved = await change('meetings.update', {
      meetingId: m.id,
      theme,
      heldOn: heldOn ?? '',
      place,
      presider,
      recorder,
      superiorAttendees: superior,
      ...(special ? { specialTrigger: (trigger as SpecialTrigger | null) ?? null, specialReason: reason } : {}),
    });
    // The core rewrites the day where the saved 方案 or 情况报告 states it: say so, as it changed text.
    const followed = [
      saved.planText !== m.planText ? '方案' : null,
      saved.reportText !== m.reportText ? '情况报告' : null,
    ].filter(Boolean);
    notifySaved(
      followed.length && saved.heldOn !== m.heldOn
        ? `会议信息已保存；${followed.join('和')}正文中的会议日期已随之改为${formatChineseDate(saved.heldOn)}`
        : '会议信息已保存',
    );
    onClose();
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={`修改会议信息：${m.year}年度${m.unitName ?? ''}${MEETING_KIND_LABEL[m.kind]}`}
    >
      <form onSubmit={submit} onChange={edited}>
        <Stack>
          <TextInput
            label="会议主题"
            withAsterisk
            value={theme}
            onChange={(e) => setTheme(e.currentTarget.value)}
            error={fieldError('theme')}
          />
          <SimpleGrid cols={2}>
            <DateField label="会议日期" withAsterisk value={heldOn} onChange={setHeldOn} error={fieldError('heldOn')} />
            <TextInput
              label="会议地点"
              value={place}
              onChange={(e) => setPlace(e.currentTarget.value)}
              error={fieldError('place')}
            />
            <Autocomplete
              label="主持人"
              data={names}
              value={presider}
              onChange={setPresider}
              error={fieldError('presider')}
            />
            <TextInput
              label="记录人"
              value={recorder}
              onChange={(e) => setRecorder(e.currentTarget.value)}
              error={fieldError('recorder')}
            />
          </SimpleGrid>
          <TextInput
            label="上级到会人员"
            placeholder="如：市直机关工委督导组"
            value={superior}
            onChange={(e) => setSuperior(e.currentTarget.value)}
            error={fieldError('superiorAttendees')}
          />
          {special && (
            <>
              <Select
                label="召开原因"
                withAsterisk
                data={SPECIAL_TRIGGERS.map((t) => ({ value: t, label: SPECIAL_TRIGGER_LABEL[t] }))}
                value={trigger}
                onChange={setTrigger}
                error={fieldError('specialTrigger')}
              />
              <Textarea
                label="召开原因说明"
                description="写明具体情形，如：市委第三巡察组反馈指出的选人用人问题；将写入会议方案、会议记录和情况报告"
                autosize
                minRows={2}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldError('specialReason')}
              />
            </>
          )}
          {m.heldDone && (
            <Text size="sm" c="dimmed">
              会议已记为召开，日期不能改到今天以后。
            </Text>
          )}
          <FormError error={error} inlineFields={FIELDS} />
          <FormActions onCancel={onClose} busy={busy} label="保存" />
        </Stack>
      </form>
    </Modal>
  );
}
