import { Button, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { MEETING_DOCUMENT_IDS, type MeetingView } from '../../shared/meetings/views';
import { draftKey } from '../../shared/drafts';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { DateField } from '../common/DateField';
import { DraftNote } from '../common/DraftNote';
import { useDraft } from '../common/use-draft';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { DocButtons, Section } from './meeting-parts';

export function PlanTab({ m }: { m: MeetingView }) {
  // Until the plan is saved, the text follows the meeting's basics as they are corrected.
  const template = useQuery('meetings.drafts', { meetingId: m.id });
  const saved = m.planText ?? (template.status === 'ready' ? template.data.plan : '');
  const draft = useDraft(draftKey.meetingPlan(m.id), saved);
  const [reported, setReported] = useState<string | null>(m.planReportedOn ?? null);
  const {
    busy,
    error,
    submit,
    edited: formEdited,
  } = useSubmit(async () => {
    await change('meetings.update', { meetingId: m.id, planText: draft.text, planReportedOn: reported || null });
    await draft.committed();
    notifySaved('方案已保存');
  });
  return (
    <Section
      title="会议方案"
      actions={<DocButtons id={MEETING_DOCUMENT_IDS.plan} params={{ meetingId: m.id }} label="方案" />}
    >
      <form onSubmit={submit} onChange={formEdited}>
        <Stack>
          <Textarea
            label="方案正文"
            description="每行一段；“一、”开头的行为标题"
            autosize
            minRows={10}
            value={draft.text}
            onChange={(e) => draft.setText(e.currentTarget.value)}
            onBlur={draft.flush}
          />
          <DraftNote draft={draft} saved={saved} what="方案正文" />
          <DateField label="报上级日期" value={reported} onChange={setReported} w={220} />
          <FormError error={error} />
          <Button type="submit" loading={busy} w={140}>
            保存方案
          </Button>
        </Stack>
      </form>
    </Section>
  );
}
