import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { formatChineseDate } from '../../shared/dates';
import { formatYuan } from '../../shared/dues/money';
import { formatRate, ruleSetFor } from '../../shared/dues/rules';
import {
  FUND_KIND_LABEL,
  PURPOSE_LABEL,
  PURPOSE_SHORT,
  type ExpenditurePurpose,
  type FundKind,
  type FundsView,
  type VoluntaryView,
} from '../../shared/dues/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { plainYuan } from '../../shared/dues/rule-sets';
import { useRuleTable } from './dues-hooks';
import { ReportMenu, Stat, Yuan, YuanInput } from './dues-parts';
import { FormActions } from '../common/FormActions';
import { ReasonModal } from '../common/ReasonModal';

/** Picks a member by name or pinyin initials from the roster. */
export function MemberPicker({
  value,
  onChange,
  label = '党员',
  error,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  label?: string;
  error?: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const found = useQuery('roster.search', { text: debounced, limit: 20 });
  const data =
    found.status === 'ready'
      ? found.data.rows.map((m) => ({ value: String(m.id), label: `${m.name}（${m.branchName}）` }))
      : [];
  return (
    <Select
      label={label}
      withAsterisk
      searchable
      placeholder="输入姓名或拼音首字母"
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      onSearchChange={setSearch}
      searchValue={search}
      filter={({ options }) => options}
      nothingFoundMessage="名册中没有找到"
      error={error}
    />
  );
}

/* ---------- 自愿多交与大额党费 ---------- */

export function VoluntaryTab({ year, today }: { year: number; today: string }) {
  const list = useQuery('dues.voluntary', { year: null });
  const [recording, setRecording] = useState(false);
  const [remitting, setRemitting] = useState<VoluntaryView[] | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [voiding, setVoiding] = useState<VoluntaryView | null>(null);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        党员自愿多交党费不限数额，与按月交纳的党费分开登记。一次性自愿多交1000元以上的为大额党费，全部上缴中央：由基层党委收取并写出党员简要情况，经上级组织部门或工委逐级上缴。恰为1000元是否属于“1000元以上”尚无明确规定，按本机关设置处理，并请经办人核实。
      </Text>
      <Group justify="space-between">
        <Text fw={600}>{year}年及以前的记录</Text>
        <Group gap="xs">
          <Button
            variant="default"
            disabled={selected.length === 0}
            onClick={() => list.status === 'ready' && setRemitting(list.data.filter((v) => selected.includes(v.id)))}
          >
            上缴所选大额党费（{selected.length}）
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setRecording(true)}>
            登记自愿多交
          </Button>
        </Group>
      </Group>
      <QueryView query={list}>
        {(rows) => (
          <Paper withBorder radius="md">
            <Table verticalSpacing={6} aria-label="自愿多交党费">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36} />
                  <Table.Th w={110}>交纳日期</Table.Th>
                  <Table.Th w={90}>姓名</Table.Th>
                  <Table.Th w={130}>党支部</Table.Th>
                  <Table.Th w={110} ta="right">
                    金额（元）
                  </Table.Th>
                  <Table.Th w={110}>类型</Table.Th>
                  <Table.Th>上缴情况 / 备注</Table.Th>
                  <Table.Th w={60} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>
                      {v.large && !v.remittance && (
                        <Checkbox
                          aria-label={`选择${v.name}的大额党费`}
                          checked={selected.includes(v.id)}
                          onChange={(e) =>
                            setSelected((s) => (e.currentTarget.checked ? [...s, v.id] : s.filter((x) => x !== v.id)))
                          }
                        />
                      )}
                    </Table.Td>
                    <Table.Td className="tabular">{formatChineseDate(v.paidOn)}</Table.Td>
                    <Table.Td>{v.name}</Table.Td>
                    <Table.Td>{v.branchName}</Table.Td>
                    <Table.Td ta="right">
                      <Yuan fen={v.amountFen} />
                    </Table.Td>
                    <Table.Td>
                      {v.large ? (
                        <Badge color="red" variant="light">
                          大额党费
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="light">
                          自愿多交
                        </Badge>
                      )}
                      {v.atThreshold && (
                        <Text size="xs" c="orange">
                          恰为1000元，请核实
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {v.large
                          ? v.remittance
                            ? `已于${formatChineseDate(v.remittance.on)}上缴${v.remittance.documentNo ? `（${v.remittance.documentNo}）` : ''}`
                            : '待上缴中央'
                          : ''}
                        {v.large && !v.profile ? '；尚未填写党员简要情况' : ''}
                        {v.note ? `　${v.note}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {!v.remittance && (
                        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setVoiding(v)}>
                          作废
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {rows.length === 0 && (
              <Text p="lg" ta="center" c="dimmed" size="sm">
                还没有自愿多交党费的记录。
              </Text>
            )}
          </Paper>
        )}
      </QueryView>
      {recording && <VoluntaryModal today={today} onClose={() => setRecording(false)} />}
      {voiding && <VoidVoluntaryModal entry={voiding} onClose={() => setVoiding(null)} />}
      {remitting && (
        <FundModal
          kind="largeRemittance"
          year={year}
          today={today}
          large={remitting}
          onClose={() => {
            setRemitting(null);
            setSelected([]);
          }}
        />
      )}
    </Stack>
  );
}

function VoluntaryModal({ today, onClose }: { today: string; onClose: () => void }) {
  const settings = useQuery('dues.settings', {});
  const [memberId, setMemberId] = useState<number | null>(null);
  const [paidOn, setPaidOn] = useState<string | null>(today);
  const [amountFen, setAmount] = useState<number | null>(null);
  const [receiptNo, setReceiptNo] = useState('');
  const [profile, setProfile] = useState('');
  const [note, setNote] = useState('');
  const table = useRuleTable();
  const threshold = table ? ruleSetFor((paidOn ?? today).slice(0, 7), table).largeVoluntaryFen : null;
  const includes = settings.status === 'ready' ? settings.data.largeIncludesThreshold : true;
  const large =
    amountFen !== null && threshold !== null && (amountFen > threshold || (includes && amountFen === threshold));
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('dues.recordVoluntary', {
      memberId: memberId ?? 0,
      paidOn: paidOn ?? '',
      amountFen: amountFen ?? 0,
      receiptNo,
      profile,
      note,
    });
    notifySaved('已登记自愿多交党费。');
    onClose();
  });
  return (
    <Modal opened onClose={onClose} title="登记自愿多交党费" size="lg">
      <form onSubmit={submit} onChange={edited} aria-label="自愿多交党费">
        <Stack gap="sm">
          <MemberPicker value={memberId} onChange={setMemberId} error={fieldError('memberId')} />
          <Group grow>
            <DateField
              label="交纳日期"
              withAsterisk
              value={paidOn}
              onChange={setPaidOn}
              maxDate={today}
              error={fieldError('paidOn')}
            />
            <YuanInput
              label="金额"
              withAsterisk
              value={amountFen}
              onChange={setAmount}
              error={fieldError('amountFen')}
            />
            <TextInput label="收据号" value={receiptNo} onChange={(e) => setReceiptNo(e.currentTarget.value)} />
          </Group>
          {large && (
            <Alert color="red" variant="light" title="大额党费">
              一次性交纳 {formatYuan(amountFen ?? 0)} 元，属于大额党费，应全额上缴中央，并附党员简要情况。
              {amountFen === threshold &&
                ` 恰为${plainYuan(threshold)}元是否属于“${plainYuan(threshold)}元以上”尚无明确规定，本机关设置按大额党费处理，请核实。`}
            </Alert>
          )}
          {large && (
            <Textarea
              label="党员简要情况"
              autosize
              minRows={3}
              value={profile}
              onChange={(e) => setProfile(e.currentTarget.value)}
              placeholder="姓名、性别、出生年月、入党时间、工作单位及职务、交纳大额党费的缘由"
            />
          )}
          <TextInput label="备注" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <FormError error={error} inlineFields={['memberId', 'paidOn', 'amountFen']} />
          <FormActions onCancel={onClose} busy={busy} label="登记" />
        </Stack>
      </form>
    </Modal>
  );
}

/* ---------- 上缴、下拨、支出与结存 ---------- */

export function FundsTab({ year, today }: { year: number; today: string }) {
  const view = useQuery('dues.funds', { year });
  const [recording, setRecording] = useState<FundKind | null>(null);
  const [voiding, setVoiding] = useState<number | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          党费按规定比例上缴上级党组织；使用须经集体研究决定，只能用于培训党员、党员教育资料设备、表彰先进、补助困难党员和受灾党员等规定用途，量入为出、收支平衡。
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={() => setRecording('remittance')}>
            登记上缴
          </Button>
          <Button variant="default" onClick={() => setRecording('allocation')}>
            登记下拨
          </Button>
          <Button variant="default" onClick={() => setRecording('opening')}>
            期初结存
          </Button>
          <Button onClick={() => setRecording('expenditure')}>登记支出</Button>
          <ReportMenu report="funds" params={{ year }} label="打印收支结存表" />
        </Group>
      </Group>
      <QueryView query={view}>{(v) => <Funds view={v} onVoid={setVoiding} />}</QueryView>
      {recording && <FundModal kind={recording} year={year} today={today} onClose={() => setRecording(null)} />}
      {voiding !== null && <VoidFundModal id={voiding} onClose={() => setVoiding(null)} />}
    </Stack>
  );
}

function Funds({ view, onVoid }: { view: FundsView; onVoid: (id: number) => void }) {
  const s = view.summary;
  const r = view.remittance;
  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={7} spacing="md" aria-label="收支概况">
          <Stat label="上年结转">{formatYuan(s.openingFen)}</Stat>
          <Stat label="收缴党费">{formatYuan(s.collectedFen)}</Stat>
          <Stat label="自愿多交">{formatYuan(s.voluntaryFen)}</Stat>
          <Stat label="上级下拨">{formatYuan(s.allocationsFen)}</Stat>
          <Stat label="上缴">{formatYuan(s.remittedFen)}</Stat>
          <Stat label="支出">{formatYuan(s.expendituresFen)}</Stat>
          <Stat label="结存" color="teal.8">
            {formatYuan(s.closingFen)}
          </Stat>
        </SimpleGrid>
        <Text size="sm" mt="sm" c="dimmed">
          {r.shareBp === null
            ? '上缴比例尚未设置（由省级党委组织部门规定），请在“设置”中填写。'
            : `${view.year}年度党费 ${formatYuan(r.baseFen)} 元，按 ${formatRate(r.shareBp)} 应上缴 ${formatYuan(r.dueFen ?? 0)} 元，已上缴 ${formatYuan(r.remittedFen)} 元。`}
          {s.largeReceivedFen > 0 || s.largePendingFen > 0
            ? `　大额党费（全额上缴中央，不可支用）：本年收到 ${formatYuan(s.largeReceivedFen)} 元，上缴 ${formatYuan(s.largeRemittedFen)} 元，待上缴 ${formatYuan(s.largePendingFen)} 元。`
            : ''}
        </Text>
      </Paper>
      <Paper withBorder radius="md">
        <Table verticalSpacing={5} aria-label="党费收支明细">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>日期</Table.Th>
              <Table.Th>摘要</Table.Th>
              <Table.Th w={110} ta="right">
                收入
              </Table.Th>
              <Table.Th w={110} ta="right">
                支出
              </Table.Th>
              <Table.Th w={120} ta="right">
                结存
              </Table.Th>
              <Table.Th w={110}>凭证号</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.movements.map((m, i) => (
              <Table.Tr key={`${m.on}-${i}`}>
                <Table.Td className="tabular">{formatChineseDate(m.on)}</Table.Td>
                <Table.Td>{m.summary}</Table.Td>
                <Table.Td ta="right">{m.incomeFen ? <Yuan fen={m.incomeFen} /> : ''}</Table.Td>
                <Table.Td ta="right">{m.expenseFen ? <Yuan fen={m.expenseFen} /> : ''}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  <Yuan fen={m.balanceFen} />
                </Table.Td>
                <Table.Td>{m.reference ?? ''}</Table.Td>
                <Table.Td>
                  {m.entryId !== null && (
                    <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onVoid(m.entryId!)}>
                      作废
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {view.movements.length === 0 && (
          <Text p="lg" ta="center" c="dimmed" size="sm">
            {view.year}年没有党费收支。
          </Text>
        )}
      </Paper>
      {s.byPurpose.length > 0 && (
        <Text size="sm" c="dimmed">
          支出用途：{s.byPurpose.map((p) => `${PURPOSE_SHORT[p.purpose]} ${formatYuan(p.fen)} 元`).join('；')}
        </Text>
      )}
    </Stack>
  );
}

function FundModal({
  kind,
  year,
  today,
  large,
  onClose,
}: {
  kind: FundKind;
  year: number;
  today: string;
  large?: VoluntaryView[];
  onClose: () => void;
}) {
  const status = useQuery('app.status', {});
  const superior = status.status === 'ready' && status.data.state === 'ready' ? status.data.organ.superiorName : '';
  const [on, setOn] = useState<string | null>(today);
  const [amountFen, setAmount] = useState<number | null>(large ? large.reduce((n, v) => n + v.amountFen, 0) : null);
  const [duesYear, setDuesYear] = useState<string>(String(year));
  const [counterpart, setCounterpart] = useState(
    kind === 'remittance' || kind === 'largeRemittance' || kind === 'allocation' ? superior : '',
  );
  // The superior's name arrives with the status; fill it in unless something was typed already.
  useEffect(() => {
    if (superior && kind !== 'expenditure' && kind !== 'opening') setCounterpart((c) => c || superior);
  }, [superior, kind]);
  const [documentNo, setDocumentNo] = useState('');
  const [purpose, setPurpose] = useState<ExpenditurePurpose | null>(null);
  const [description, setDescription] = useState('');
  const [decisionBody, setDecisionBody] = useState('');
  const [decisionOn, setDecisionOn] = useState<string | null>(null);
  const [decisionRef, setDecisionRef] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('dues.recordFund', {
      kind,
      on: on ?? '',
      amountFen: amountFen ?? 0,
      duesYear: kind === 'remittance' ? Number(duesYear) : null,
      counterpart,
      documentNo,
      purpose: kind === 'expenditure' ? purpose : null,
      description,
      decisionBody: kind === 'expenditure' ? decisionBody : null,
      decisionOn: kind === 'expenditure' ? decisionOn : null,
      decisionRef: kind === 'expenditure' ? decisionRef : null,
      note,
      voluntaryIds: large?.map((v) => v.id) ?? [],
    });
    notifySaved(`已登记${FUND_KIND_LABEL[kind]}。`);
    onClose();
  });
  const inline = [
    'on',
    'amountFen',
    'duesYear',
    'counterpart',
    'purpose',
    'description',
    'decisionBody',
    'decisionOn',
    'note',
  ];
  return (
    <Modal opened onClose={onClose} title={`登记${FUND_KIND_LABEL[kind]}`} size="lg">
      <form onSubmit={submit} onChange={edited} aria-label={FUND_KIND_LABEL[kind]}>
        <Stack gap="sm">
          {large && (
            <Text size="sm">
              本次上缴 {large.length} 笔大额党费：
              {large.map((v) => `${v.name} ${formatYuan(v.amountFen)} 元`).join('、')}。大额党费全额上缴。
            </Text>
          )}
          <Group grow>
            <DateField label="日期" withAsterisk value={on} onChange={setOn} maxDate={today} error={fieldError('on')} />
            <YuanInput
              label="金额"
              withAsterisk
              value={amountFen}
              onChange={setAmount}
              error={fieldError('amountFen')}
              readOnly={Boolean(large)}
            />
            {kind === 'remittance' && (
              <Select
                label="所属年度"
                data={[year - 1, year].map((y) => ({ value: String(y), label: `${y}年度` }))}
                value={duesYear}
                onChange={(v) => v && setDuesYear(v)}
                allowDeselect={false}
              />
            )}
          </Group>
          {kind !== 'expenditure' && kind !== 'opening' && (
            <TextInput
              label={kind === 'allocation' ? '下拨单位' : '接收单位'}
              withAsterisk
              value={counterpart}
              onChange={(e) => setCounterpart(e.currentTarget.value)}
              error={fieldError('counterpart')}
            />
          )}
          {kind === 'expenditure' && (
            <>
              <Select
                label="用途"
                withAsterisk
                data={(Object.keys(PURPOSE_LABEL) as ExpenditurePurpose[]).map((p) => ({
                  value: p,
                  label: PURPOSE_LABEL[p],
                }))}
                value={purpose}
                onChange={(v) => setPurpose(v as ExpenditurePurpose | null)}
                error={fieldError('purpose')}
              />
              <TextInput
                label="摘要"
                withAsterisk
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={fieldError('description')}
                placeholder="如：订阅《共产党员》杂志"
              />
              <Group grow>
                <TextInput
                  label="集体研究的会议"
                  withAsterisk
                  value={decisionBody}
                  onChange={(e) => setDecisionBody(e.currentTarget.value)}
                  error={fieldError('decisionBody')}
                  placeholder="如：机关党委会议"
                />
                <DateField
                  label="研究日期"
                  withAsterisk
                  value={decisionOn}
                  onChange={setDecisionOn}
                  maxDate={today}
                  error={fieldError('decisionOn')}
                />
                <TextInput
                  label="会议记录或纪要编号"
                  value={decisionRef}
                  onChange={(e) => setDecisionRef(e.currentTarget.value)}
                />
              </Group>
            </>
          )}
          {kind !== 'opening' && (
            <TextInput
              label={kind === 'expenditure' ? '凭证号' : '收据或文号'}
              value={documentNo}
              onChange={(e) => setDocumentNo(e.currentTarget.value)}
            />
          )}
          {kind === 'opening' && (
            <TextInput
              label="说明"
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              placeholder="如：2025年末账面结存"
            />
          )}
          <TextInput
            label={purpose === 'other' ? '依据（文件名称、文号）' : '备注'}
            withAsterisk={purpose === 'other'}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError('note')}
          />
          <FormError error={error} inlineFields={inline} />
          <FormActions onCancel={onClose} busy={busy} label="登记" />
        </Stack>
      </form>
    </Modal>
  );
}

function VoidVoluntaryModal({ entry, onClose }: { entry: VoluntaryView; onClose: () => void }) {
  return (
    <ReasonModal
      title={`作废自愿多交记录：${entry.name} ${formatYuan(entry.amountFen)} 元`}
      multiline
      saved="已作废该笔自愿多交记录。"
      onClose={onClose}
      run={(reason) => change('dues.voidVoluntary', { id: entry.id, reason })}
    />
  );
}

function VoidFundModal({ id, onClose }: { id: number; onClose: () => void }) {
  return (
    <ReasonModal
      title="作废收支记录"
      multiline
      saved="已作废该笔收支记录。"
      onClose={onClose}
      run={(reason) => change('dues.voidFund', { id, reason })}
    />
  );
}
