import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import {
  DECISION_LABEL,
  RIGHTS_RULES,
  SANCTIONS,
  type DecisionKind,
  type MemberDecision,
  type ProbationYears,
} from '../../shared/members/decisions';
import type { MemberDetail } from '../../shared/members/views';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormActions } from '../common/FormActions';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { ReasonModal } from '../common/ReasonModal';

/**
 * 奖惩 on the member's page: 表彰 and the disciplinary measures, with 开除党籍 (the 出党 event)
 * listed among them, and whether the member has 表决权、选举权和被选举权 today.
 */
export function DecisionsPanel({ member: m, today }: { member: MemberDetail; today: string }) {
  const [adding, setAdding] = useState(false);
  const [voiding, setVoiding] = useState<MemberDecision | null>(null);
  const expulsions = m.events.filter((e) => e.kind === 'expelled');
  const empty = m.decisions.length === 0 && expulsions.length === 0;
  return (
    <Paper withBorder p="lg" radius="md" aria-label="奖惩情况">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>奖惩情况</Text>
        {!m.voided && (
          <Button variant="default" size="xs" onClick={() => setAdding(true)}>
            登记奖惩…
          </Button>
        )}
      </Group>
      <RightsLine member={m} />
      {empty ? (
        <Text size="sm" c="dimmed" mt="sm">
          没有奖惩记录。
        </Text>
      ) : (
        <Table mt="sm" verticalSpacing={6} aria-label="奖惩记录">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>决定日期</Table.Th>
              <Table.Th>类别</Table.Th>
              <Table.Th>决定机关</Table.Th>
              <Table.Th>文号</Table.Th>
              <Table.Th>事由</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.decisions.map((d) => (
              <Table.Tr key={`d${d.id}`} c={d.voided ? 'dimmed' : undefined} td={d.voided ? 'line-through' : undefined}>
                <Table.Td className="tabular">{formatChineseDate(d.decidedOn)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={d.kind === 'commendation' ? 'teal' : 'red'}>
                    {d.kind === 'probation'
                      ? `留党察看${d.probationYears === 2 ? '二' : '一'}年`
                      : DECISION_LABEL[d.kind]}
                  </Badge>
                  {d.probationEndsOn && !d.voided && (
                    <Text size="xs" c="dimmed">
                      至{formatChineseDate(d.probationEndsOn)}期满
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{d.decidedBy}</Table.Td>
                <Table.Td>{d.documentNo}</Table.Td>
                <Table.Td>{d.voided ? `已作废：${d.voided.reason}` : d.reason}</Table.Td>
                <Table.Td>
                  {!d.voided && !m.voided && (
                    <Anchor component="button" size="xs" c="red" onClick={() => setVoiding(d)}>
                      作废
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {expulsions.map((e) => (
              <Table.Tr key={`e${e.id}`}>
                <Table.Td className="tabular">{formatChineseDate(e.occurredOn)}</Table.Td>
                <Table.Td>
                  <Badge color="red">开除党籍</Badge>
                </Table.Td>
                <Table.Td>{e.counterpart}</Table.Td>
                <Table.Td>{e.documentNo}</Table.Td>
                <Table.Td>{e.note}</Table.Td>
                <Table.Td />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding && <DecisionModal member={m} today={today} onClose={() => setAdding(false)} />}
      {voiding && <VoidDecisionModal decision={voiding} onClose={() => setVoiding(null)} />}
    </Paper>
  );
}

function RightsLine({ member: m }: { member: MemberDetail }) {
  if (m.rights.kind === 'notMember') return null;
  if (m.rights.kind === 'full') {
    return (
      <Text size="sm" aria-label="党员权利">
        有表决权、选举权和被选举权。
      </Text>
    );
  }
  return (
    <Stack gap={2} aria-label="党员权利">
      <Text size="sm" c="red" fw={500}>
        目前没有表决权、选举权和被选举权
      </Text>
      {m.rights.reasons.map((r) => (
        <Text key={r} size="xs" c="dimmed">
          {r}。
        </Text>
      ))}
    </Stack>
  );
}

const KINDS: DecisionKind[] = ['commendation', ...SANCTIONS];

function DecisionModal({ member, today, onClose }: { member: MemberDetail; today: string; onClose: () => void }) {
  const [kind, setKind] = useState<DecisionKind>('commendation');
  const [decidedOn, setDecidedOn] = useState<string | null>(today);
  const [decidedBy, setDecidedBy] = useState('');
  const [documentNo, setDocumentNo] = useState('');
  const [years, setYears] = useState<ProbationYears>(1);
  const [reason, setReason] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('roster.addDecision', {
      memberId: member.id,
      kind,
      decidedOn: decidedOn ?? '',
      decidedBy,
      documentNo,
      probationYears: kind === 'probation' ? years : null,
      reason,
    });
    notifySaved(`已登记${member.name}的${DECISION_LABEL[kind]}。`);
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title={`${member.name}：登记奖惩`} size="lg">
      <form onSubmit={submit} onChange={edited} aria-label="登记奖惩">
        <Stack gap="sm">
          <Select
            label="类别"
            withAsterisk
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: DECISION_LABEL[k] }))}
            value={kind}
            onChange={(v) => v && setKind(v as DecisionKind)}
            error={fieldError('kind')}
          />
          <Text size="xs" c="dimmed">
            党纪处分分为警告、严重警告、撤销党内职务、留党察看、开除党籍五种。开除党籍请用“登记状态变动 →
            开除党籍”登记，它同时结束党籍。
          </Text>
          {kind === 'probation' && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                留党察看期限
              </Text>
              <SegmentedControl
                w="fit-content"
                value={String(years)}
                onChange={(v) => setYears(Number(v) as ProbationYears)}
                data={[
                  { value: '1', label: '一年' },
                  { value: '2', label: '二年' },
                ]}
              />
              <Text size="xs" c="dimmed">
                {RIGHTS_RULES.partyProbation}。留党察看最长不超过两年。
              </Text>
            </Stack>
          )}
          <DateField
            label="决定日期"
            withAsterisk
            value={decidedOn}
            onChange={setDecidedOn}
            maxDate={today}
            error={fieldError('decidedOn')}
            data-autofocus
          />
          <TextInput
            label="决定机关"
            withAsterisk
            placeholder="如：中共某某局机关纪律检查委员会"
            value={decidedBy}
            onChange={(e) => setDecidedBy(e.currentTarget.value)}
            error={fieldError('decidedBy')}
          />
          <TextInput
            label="文号"
            placeholder="如：机纪〔2026〕3号"
            value={documentNo}
            onChange={(e) => setDocumentNo(e.currentTarget.value)}
            error={fieldError('documentNo')}
          />
          <Textarea
            label="事由"
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError('reason')}
          />
          <FormError error={error} inlineFields={['decidedOn', 'decidedBy', 'documentNo', 'reason', 'kind']} />
          <FormActions onCancel={onClose} busy={busy} label="登记" />
        </Stack>
      </form>
    </Modal>
  );
}

function VoidDecisionModal({ decision, onClose }: { decision: MemberDecision; onClose: () => void }) {
  return (
    <ReasonModal
      title={`作废${DECISION_LABEL[decision.kind]}记录`}
      hint="只用于录入错误。作废后不再计入，操作记录中保留全部内容。"
      saved="该奖惩记录已作废。"
      onClose={onClose}
      run={(reason) => change('roster.voidDecision', { id: decision.id, reason })}
    />
  );
}
