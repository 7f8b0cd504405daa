import { Alert, Button, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  MATERIAL_STATUS_LABEL,
  MEETING_DOCUMENT_IDS,
  type MaterialView,
  type MeetingView,
} from '../../shared/meetings/views';
import { formatChineseDate as cn } from '../../shared/dates';
import { draftKey } from '../../shared/drafts';
import { change } from '../api/client';
import { DraftNote } from '../common/DraftNote';
import { useDraft } from '../common/use-draft';
import { FormError } from '../common/FormError';
import { notifyFailed, notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { DocButtons, Section } from './meeting-parts';

export function MaterialsTab({ m }: { m: MeetingView }) {
  const [owner, setOwner] = useState<string>(String(m.materials[0]?.personId ?? 'team'));
  const mat = m.materials.find((x) => String(x.personId ?? 'team') === owner) ?? m.materials[0]!;
  return (
    <Stack>
      <Select
        label="材料"
        w={260}
        allowDeselect={false}
        data={m.materials.map((x) => ({
          value: String(x.personId ?? 'team'),
          label: `${x.owner}（${MATERIAL_STATUS_LABEL[x.status]}）`,
        }))}
        value={owner}
        onChange={(v) => setOwner(v ?? 'team')}
      />
      <MaterialEditor key={owner} m={m} mat={mat} />
    </Stack>
  );
}

function MaterialEditor({ m, mat }: { m: MeetingView; mat: MaterialView }) {
  const savedProblems = mat.problems.map((p) => `${p.theme}：${p.text}`).join('\n');
  const problemsDraft = useDraft(draftKey.material(m.id, mat.personId, 'problems'), savedProblems);
  const causesDraft = useDraft(draftKey.material(m.id, mat.personId, 'causes'), mat.causes ?? '');
  const measuresDraft = useDraft(draftKey.material(m.id, mat.personId, 'measures'), mat.measures ?? '');
  const problems = problemsDraft.text;
  const causes = causesDraft.text;
  const measures = measuresDraft.text;
  const [reviewer, setReviewer] = useState(mat.reviewedBy ?? '');
  const { busy, error, submit, edited } = useSubmit(async () => {
    const list = problems
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => {
        const at = line.search(/[：:]/);
        return at > 0
          ? { theme: line.slice(0, at), text: line.slice(at + 1).trim() }
          : { theme: '存在的问题', text: line };
      });
    await change('meetings.saveMaterial', {
      meetingId: m.id,
      personId: mat.personId,
      problems: list,
      causes,
      measures,
    });
    await Promise.all([problemsDraft.committed(), causesDraft.committed(), measuresDraft.committed()]);
    notifySaved('对照检查材料已保存');
  });
  const review = useSubmit(async () => undefined);
  const setStatus = (status: 'draft' | 'reviewed' | 'final') =>
    change('meetings.reviewMaterial', {
      meetingId: m.id,
      personId: mat.personId,
      status,
      reviewedBy: reviewer || null,
    }).then(() => notifySaved(`已设为${MATERIAL_STATUS_LABEL[status]}`), notifyFailed);
  const params: Record<string, number> =
    mat.personId === null ? { meetingId: m.id } : { meetingId: m.id, personId: mat.personId };
  const final = mat.status === 'final';
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Section
        title={`${mat.owner}对照检查材料`}
        actions={<DocButtons id={MEETING_DOCUMENT_IDS.material} params={params} label="材料" />}
      >
        <form onSubmit={submit} onChange={edited}>
          <Stack>
            <Textarea
              label="存在的问题"
              description="每行一个问题，写作“方面：问题表述”"
              autosize
              minRows={4}
              value={problems}
              onChange={(e) => problemsDraft.setText(e.currentTarget.value)}
              onBlur={problemsDraft.flush}
              disabled={final}
            />
            <DraftNote draft={problemsDraft} saved={savedProblems} what="存在的问题" />
            {mat.problems
              .filter((p) => p.repeats.length)
              .map((p) => (
                <Alert key={p.text} color="orange" title="与往年问题表述相近">
                  {`“${p.text}”与${p.repeats[0]!.year}年的“${p.repeats[0]!.earlier}”相似度${p.repeats[0]!.similarity}%，请核实是否为老问题、整改是否到位。`}
                </Alert>
              ))}
            <Textarea
              label="原因剖析"
              autosize
              minRows={3}
              value={causes}
              onChange={(e) => causesDraft.setText(e.currentTarget.value)}
              onBlur={causesDraft.flush}
              disabled={final}
            />
            <DraftNote draft={causesDraft} saved={mat.causes ?? ''} what="原因剖析" />
            <Textarea
              label="整改措施"
              autosize
              minRows={3}
              value={measures}
              onChange={(e) => measuresDraft.setText(e.currentTarget.value)}
              onBlur={measuresDraft.flush}
              disabled={final}
            />
            <DraftNote draft={measuresDraft} saved={mat.measures ?? ''} what="整改措施" />
            <FormError error={error} />
            <Button type="submit" loading={busy} disabled={final} w={160}>
              保存材料
            </Button>
            <Group align="flex-end">
              <Text size="sm">{`状态：${MATERIAL_STATUS_LABEL[mat.status]}${mat.reviewedBy ? `（${mat.reviewedBy} ${cn(mat.reviewedOn)}）` : ''}`}</Text>
              <TextInput label="审阅人" value={reviewer} onChange={(e) => setReviewer(e.currentTarget.value)} w={140} />
              <Button size="xs" variant="default" onClick={() => void setStatus('reviewed')}>
                审阅通过
              </Button>
              <Button size="xs" variant="default" onClick={() => void setStatus('final')}>
                定稿
              </Button>
              <Button size="xs" variant="subtle" onClick={() => void setStatus('draft')}>
                退回草稿
              </Button>
            </Group>
            <FormError error={review.error} />
          </Stack>
        </form>
      </Section>
      <Section title="撰写参考">
        <Text fw={600} size="sm">{`征求到的意见（${mat.opinions.length}条）`}</Text>
        {mat.opinions.map((o) => (
          <Text key={o.id} size="sm">{`【${o.source}·${o.category}】${o.text}`}</Text>
        ))}
        <Text fw={600} size="sm">
          上年整改事项
        </Text>
        {mat.lastYearItems.length === 0 && (
          <Text size="sm" c="dimmed">
            无
          </Text>
        )}
        {mat.lastYearItems.map((r) => (
          <Text key={r.problem} size="sm">{`${r.problem}（${r.closedOn ? `${cn(r.closedOn)}销号` : '未销号'}）`}</Text>
        ))}
        {mat.unmetDuties.length > 0 && (
          <>
            <Text fw={600} size="sm">
              一岗双责未完成事项
            </Text>
            {mat.unmetDuties.map((d) => (
              <Text key={d} size="sm">
                {d}
              </Text>
            ))}
          </>
        )}
      </Section>
    </SimpleGrid>
  );
}
