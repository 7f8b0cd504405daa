import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { MEETING_DOCUMENT_IDS, type MeetingView } from '../../shared/meetings/views';
import { formatChineseDate as cn } from '../../shared/dates';
import { draftKey } from '../../shared/drafts';
import { change, invoke } from '../api/client';
import { DateField } from '../common/DateField';
import { confirmReplace } from '../common/confirm-replace';
import { DraftNote } from '../common/DraftNote';
import { useDraft } from '../common/use-draft';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { DocButtons, Section } from './meeting-parts';

export function ReportTab({ m }: { m: MeetingView }) {
  const saved = m.reportText ?? '';
  const draft = useDraft(draftKey.meetingReport(m.id), saved);
  const [sent, setSent] = useState<string | null>(m.reportSentOn ?? null);
  // Drafting from the records replaces the text: what the clerk wrote is shown against it first.
  const redraft = async () => {
    try {
      const next = (await invoke('meetings.drafts', { meetingId: m.id })).report;
      if (await confirmReplace({ current: draft.text, next, what: '报告正文', action: '根据会议情况起草' }))
        draft.setText(next);
    } catch (error) {
      notifyFailed(error);
    }
  };
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('meetings.update', { meetingId: m.id, reportText: draft.text || null, reportSentOn: sent || null });
    await draft.committed();
    notifySaved('情况报告已保存');
  });
  const due = m.steps.find((s) => s.key === 'report')!.dueOn;
  return (
    <Section
      title={`情况报告（应于${cn(due)}前报上级）`}
      actions={<DocButtons id={MEETING_DOCUMENT_IDS.report} params={{ meetingId: m.id }} label="报告" />}
    >
      <form onSubmit={submit} onChange={edited}>
        <Stack>
          <Group>
            <Button variant="default" onClick={() => void redraft()}>
              根据会议情况起草
            </Button>
          </Group>
          <Textarea
            label="报告正文"
            autosize
            minRows={10}
            value={draft.text}
            onChange={(e) => draft.setText(e.currentTarget.value)}
            onBlur={draft.flush}
          />
          <DraftNote draft={draft} saved={saved} what="报告正文" />
          <DateField label="报送日期" value={sent} onChange={setSent} w={200} />
          <FormError error={error} />
          <Button type="submit" loading={busy} w={140}>
            保存报告
          </Button>
        </Stack>
      </form>
    </Section>
  );
}
