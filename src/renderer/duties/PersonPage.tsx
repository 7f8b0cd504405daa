import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { formatChineseDate, localToday } from '../../shared/dates';
import { draftKey } from '../../shared/drafts';
import { LEADER_ROLE_LABEL, libraryFor } from '../../shared/duties/library';
import { ITEM_STATE_LABEL } from '../../shared/duties/rules';
import type { PersonView, UnmetItem } from '../../shared/duties/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { go } from '../app/routes';
import { confirmReplace } from '../common/confirm-replace';
import { DateField } from '../common/DateField';
import { DraftNote } from '../common/DraftNote';
import { Fact } from '../common/Fact';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useDraft } from '../common/use-draft';
import { useSubmit } from '../common/use-submit';
import { STATE_COLOR } from './duty-parts';
import { DocPreview } from './DocPreview';
import { ItemsPanel } from './ItemsPanel';
import { EvidenceLinks, EvidencePicker, RecordsPanel, useEvidencePicker } from './RecordsPanel';
import { ReasonModal } from '../common/ReasonModal';

type Tab = 'items' | 'records' | 'letter' | 'report' | 'ledger';
const TAB_KEY = 'party-office-duties-person-tab';

/** One team member's year: list and progress, records, letter, year-end report, ledger. */
export function PersonPage({ leaderId, today }: { leaderId: number; today: string }) {
  const person = useQuery('duties.person', { leaderId });
  return <QueryView query={person}>{(p) => <Person person={p} today={today} />}</QueryView>;
}

function Person({ person: p, today }: { person: PersonView; today: string }) {
  const [tab, setTab] = useState<Tab>(
    () =>
      (['items', 'records', 'letter', 'report', 'ledger'] as const).find(
        (t) => t === sessionStorage.getItem(TAB_KEY),
      ) ?? 'items',
  );
  const { leader, summary } = p;
  const choose = (t: Tab) => {
    setTab(t);
    sessionStorage.setItem(TAB_KEY, t);
  };
  return (
    <Stack gap="md">
      <Anchor component="button" onClick={() => go('duties')} size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          返回一岗双责（{leader.year}年度）
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm" align="center">
          <Title order={2}>{leader.name}</Title>
          <Badge variant="light">{LEADER_ROLE_LABEL[leader.role]}</Badge>
          {leader.title && <Text c="dimmed">{leader.title}</Text>}
          <Badge variant="outline" color="gray">
            {leader.year}年度
          </Badge>
        </Group>
        <Group gap="xs" aria-label="完成情况">
          {summary.counts.overdue > 0 && <Badge color="red">逾期 {summary.counts.overdue}</Badge>}
          {summary.counts.dueSoon > 0 && <Badge color="orange">即将到期 {summary.counts.dueSoon}</Badge>}
          <Badge color="blue" variant="light">
            进行中 {summary.counts.pending}
          </Badge>
          <Badge color="teal" variant="light">
            已完成 {summary.counts.met}
          </Badge>
        </Group>
      </Group>
      <Paper withBorder p="md" radius="md" aria-label="班子成员信息">
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="md">
          <Fact label="分管处室">{leader.divisions.join('、')}</Fact>
          <Fact label="分管（联系）党支部">{leader.branches.map((b) => b.name).join('、')}</Fact>
          <Fact label="所在党支部（双重组织生活）">
            {leader.ownBranch?.name ?? (leader.memberId ? '' : '未关联党员名册')}
          </Fact>
          <Fact label="本年履职纪实">{`${summary.records} 次${summary.lastRecordOn ? `，最近 ${formatChineseDate(summary.lastRecordOn)}` : ''}`}</Fact>
          <Fact label="责任书">
            {summary.letterSignedOn ? `${formatChineseDate(summary.letterSignedOn)}签订` : '尚未登记签订'}
          </Fact>
        </SimpleGrid>
        {(leader.startedOn || leader.leftOn) && (
          <Text size="sm" c="orange.8" mt="xs">
            {leader.startedOn ? `${formatChineseDate(leader.startedOn)}任职` : ''}
            {leader.leftOn ? `${leader.startedOn ? '，' : ''}${formatChineseDate(leader.leftOn)}离任` : ''}
            ：在岗不足半个周期的不作要求。
          </Text>
        )}
      </Paper>
      <Tabs value={tab} onChange={(v) => v && choose(v as Tab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="items">责任清单与完成情况</Tabs.Tab>
          <Tabs.Tab value="records">履职纪实（{summary.records}）</Tabs.Tab>
          <Tabs.Tab value="letter">责任书</Tabs.Tab>
          <Tabs.Tab value="report">述责述廉</Tabs.Tab>
          <Tabs.Tab value="ledger">纪实台账</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="items" pt="md">
          <ItemsPanel
            owner={{ year: leader.year, leaderId: leader.id, name: leader.name, library: libraryFor(leader.role) }}
            items={p.items}
            canCopy={p.previous !== null && p.previous.items > 0}
          />
        </Tabs.Panel>
        <Tabs.Panel value="records" pt="md">
          <RecordsPanel
            year={leader.year}
            records={p.records}
            leader={leader}
            items={p.items}
            teamItems={p.teamItems}
            today={today}
          />
        </Tabs.Panel>
        <Tabs.Panel value="letter" pt="md">
          <LetterPanel person={p} today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="md">
          <ReportPanel leaderId={leader.id} />
        </Tabs.Panel>
        <Tabs.Panel value="ledger" pt="md">
          <DocPreview
            id="duties-ledger"
            params={{ year: leader.year, leaderId: leader.id }}
            label="履职纪实台账"
            height={560}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function LetterPanel({ person: p, today }: { person: PersonView; today: string }) {
  const { leader, letter } = p;
  const [signedOn, setSignedOn] = useState<string | null>(letter?.signedOn ?? null);
  const [issuerName, setIssuerName] = useState(letter?.issuerName ?? '');
  const [undoing, setUndoing] = useState(false);
  const picker = useEvidencePicker();
  const sign = useSubmit(async () => {
    await change('duties.signLetter', { leaderId: leader.id, signedOn: signedOn ?? '', issuerName });
    notifySaved(`已登记${leader.name}的责任书签订日期。`);
  });
  const upload = useSubmit(async () => {
    const refused = await picker.upload({ letterLeaderId: leader.id });
    if (refused.length) throw new Error(refused.join('；'));
    notifySaved('签字扫描件已保存。');
  });
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Stack gap="md">
          <Paper withBorder p="md" radius="md">
            <Stack gap="xs">
              <Text fw={600}>签订情况</Text>
              {letter ? (
                <Alert color="teal" py="xs" data-testid="letter-signed">
                  已于{formatChineseDate(letter.signedOn)}签订
                  {letter.issuerName ? `（责任领导：${letter.issuerName}）` : ''}。重新打印时，签订日期印在日期栏中。
                </Alert>
              ) : (
                <Text size="sm" c="dimmed">
                  按右侧样式打印一式两份，双方签字后在这里登记签订日期，并可上传签字后的扫描件。
                </Text>
              )}
              <form onSubmit={sign.submit} onChange={sign.edited} aria-label="登记签订">
                <Stack gap="xs">
                  <DateField
                    label="签订日期"
                    withAsterisk
                    value={signedOn}
                    onChange={setSignedOn}
                    maxDate={today}
                    error={sign.fieldError('signedOn')}
                  />
                  <TextInput
                    label="责任领导（签字人）"
                    placeholder="如：王书记"
                    value={issuerName}
                    onChange={(e) => setIssuerName(e.currentTarget.value)}
                  />
                  <FormError error={sign.error} inlineFields={['signedOn']} />
                  <Group>
                    <Button type="submit" loading={sign.busy}>
                      {letter ? '更新签订日期' : '登记已签订'}
                    </Button>
                    {letter && (
                      <Button variant="subtle" color="red" onClick={() => setUndoing(true)}>
                        撤销登记…
                      </Button>
                    )}
                  </Group>
                </Stack>
              </form>
            </Stack>
          </Paper>
          {letter && (
            <Paper withBorder p="md" radius="md">
              <Stack gap="xs">
                <Text fw={600}>签字扫描件</Text>
                <EvidenceLinks evidence={letter.evidence} />
                <EvidencePicker picker={picker} label="上传扫描件" />
                <FormError error={upload.error} />
                {picker.files.length > 0 && (
                  <Group>
                    <Button size="xs" onClick={() => void upload.submit()} loading={upload.busy}>
                      上传
                    </Button>
                  </Group>
                )}
              </Stack>
            </Paper>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 8 }}>
        {p.items.length === 0 ? (
          <Alert color="orange">
            责任书由责任清单生成。{leader.name}的责任清单还是空的，请先在“责任清单与完成情况”中建立。
          </Alert>
        ) : (
          <DocPreview id="duties-letter" params={{ year: leader.year, leaderId: leader.id }} label="责任书" />
        )}
      </Grid.Col>
      {undoing && (
        <ReasonModal
          title="撤销责任书的签订登记"
          hint="只用于登记错误。已上传的扫描件一并删除，操作记录中保留。"
          action="撤销"
          label="原因"
          saved="已撤销。"
          onClose={() => setUndoing(false)}
          run={(reason) => change('duties.unsignLetter', { leaderId: leader.id, reason })}
        />
      )}
    </Grid>
  );
}

function ReportPanel({ leaderId }: { leaderId: number }) {
  const report = useQuery('duties.report', { leaderId });
  return (
    <QueryView query={report}>
      {(r) => (
        <ReportEditor
          key={`${r.leaderId}-${r.updatedAt ?? 'draft'}`}
          leaderId={leaderId}
          saved={r.saved}
          draft={r.draft}
          updatedAt={r.updatedAt}
          unmet={r.unmet}
        />
      )}
    </QueryView>
  );
}

function ReportEditor({
  leaderId,
  saved,
  draft,
  updatedAt,
  unmet,
}: {
  leaderId: number;
  saved: string | null;
  draft: string;
  updatedAt: string | null;
  unmet: UnmetItem[];
}) {
  // Until saved, the box follows the draft the records give; once typed in, what is typed is kept
  // as a draft of its own (a record added meanwhile no longer wipes it).
  const editor = useDraft(draftKey.dutiesReport(leaderId), saved ?? draft);
  const { text, dirty } = editor;
  const { busy, error, submit, edited } = useSubmit(async () => {
    await change('duties.saveReport', { leaderId, text });
    await editor.committed();
    notifySaved('述责述廉报告已保存。');
  });
  const regenerate = async () => {
    if (await confirmReplace({ current: text, next: draft, what: '报告正文', action: '用纪实重新生成' }))
      editor.setText(draft);
  };
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <form onSubmit={submit} onChange={edited} aria-label="述责述廉报告">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {saved
                ? `修改稿，${updatedAt ? formatChineseDate(localToday(new Date(updatedAt))) : ''}保存。`
                : '初稿：由全年履职纪实自动生成，尚未保存。'}
              以“一、”“（一）”“1.”开头的行打印为各级标题，编号在打印时自动排好。
            </Text>
            <Textarea
              aria-label="报告正文"
              autosize
              minRows={18}
              maxRows={30}
              value={text}
              onChange={(e) => editor.setText(e.currentTarget.value)}
              onBlur={editor.flush}
              styles={{ input: { fontSize: 14, lineHeight: 1.7 } }}
            />
            <DraftNote draft={editor} saved={saved ?? draft} what="述责述廉报告" />
            <FormError error={error} />
            <Group>
              <Button type="submit" loading={busy} disabled={!dirty && saved !== null}>
                保存
              </Button>
              <Button variant="default" onClick={() => void regenerate()}>
                用纪实重新生成
              </Button>
            </Group>
            {unmet.length > 0 && (
              <Paper withBorder p="sm" radius="md" bg="orange.0">
                <Text size="sm" fw={600} mb={4}>
                  尚未完成的责任事项（写入“存在的不足”时参考）
                </Text>
                <List size="sm" spacing={2}>
                  {unmet.map((u) => (
                    <List.Item key={u.itemId}>
                      <Text span size="sm" fw={600} c={STATE_COLOR[u.state]} mr={8}>
                        {ITEM_STATE_LABEL[u.state]}
                      </Text>
                      {u.content}：{u.summary}
                    </List.Item>
                  ))}
                </List>
              </Paper>
            )}
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <DocPreview id="duties-report" params={{ leaderId }} label="述责述廉报告预览" />
        {dirty && (
          <Text size="xs" c="dimmed" mt={4}>
            预览显示已保存的内容；保存后更新。
          </Text>
        )}
      </Grid.Col>
    </Grid>
  );
}
