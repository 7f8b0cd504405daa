import {
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { describeRounding, type RoundingMode, type RoundingUnit } from '../../shared/dues/compute';
import { parseYuan } from '../../shared/dues/money';
import { DUES_REPORT_LABEL, type DuesReport, type ReportParams } from '../../shared/dues/views';
import type { DuesSettings } from '../../shared/dues/settings';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { MonthSwitcher } from './CollectionTab';
import { BranchSelect, ReportMenu } from './dues-parts';
import { OpeningPanel } from './OpeningPanel';
import { RuleSetsPanel } from './RuleSetsPanel';

const WHAT: Record<DuesReport, string> = {
  assessment: '年初核定后打印，交党员本人签字确认；按党支部打印各自一份。',
  register: '每月收缴后打印，收缴人和支部书记签字，党员本人签字。',
  ledger: '全年台账：月工资收入、执行标准、月应缴、全年应缴、全年实缴。',
  notice: '每年向党员公示一次：只列姓名和金额，不含工资收入。',
  arrears: '“三清”工作用：欠交党费的党员、月份、金额和支部处理情况。',
  funds: '向上级报告和年度检查用：收缴、上缴、下拨、支出和结存。',
};

/** Every dues report, for a branch or the whole organ, as PDF, Word or Excel. */
export function ReportsTab({ year, today }: { year: number; today: string }) {
  const [branchId, setBranchId] = useState<number | null>(null);
  const [month, setMonth] = useState(today.slice(0, 7));
  const branch: { branchId?: number } = branchId ? { branchId } : {};
  const params: Record<DuesReport, ReportParams> = {
    assessment: { year, ...branch },
    register: { month, ...branch },
    ledger: { year, ...branch },
    notice: { year, ...branch },
    arrears: { ...branch },
    funds: { year },
  };
  return (
    <Stack gap="md">
      <Group gap="xs">
        <BranchSelect value={branchId} onChange={setBranchId} allLabel="全机关（各支部合并）" w={240} />
        <Text size="sm" c="dimmed">
          年度：{year}年　收缴登记表月份：
        </Text>
        <MonthSwitcher value={month} onChange={setMonth} today={today} />
      </Group>
      <SimpleGrid cols={2} spacing="md">
        {(Object.keys(DUES_REPORT_LABEL) as DuesReport[]).map((report) => (
          <Paper key={report} withBorder p="md" radius="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Text fw={600}>{DUES_REPORT_LABEL[report]}</Text>
                <Text size="sm" c="dimmed">
                  {WHAT[report]}
                </Text>
              </div>
              <ReportMenu report={report} params={params[report]} label="保存 / 打印" variant="light" />
            </Group>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        PDF 按《党政机关公文格式》排版，A4
        横排或竖排，表头每页重复，末尾有合计和签字栏；也可在“文档打印”中预览后直接打印。
      </Text>
    </Stack>
  );
}

/** What the reference leaves to the organ, in one place. */
export function SettingsTab({ today }: { today: string }) {
  const settings = useQuery('dues.settings', {});
  return (
    <Stack gap="md">
      <OpeningPanel today={today} />
      <QueryView query={settings}>{(s) => <SettingsForm settings={s} />}</QueryView>
      <RuleSetsPanel today={today} />
    </Stack>
  );
}

function SettingsForm({ settings }: { settings: DuesSettings }) {
  const [unit, setUnit] = useState<RoundingUnit>(settings.rounding.unit);
  const [mode, setMode] = useState<RoundingMode>(settings.rounding.mode);
  const [cap, setCap] = useState(settings.capAppliesToAnnualSalary);
  const [back, setBack] = useState<number | string>(settings.backPaymentMonths);
  const [pre, setPre] = useState<number | string>(settings.prepaymentMonths);
  const [share, setShare] = useState<number | string>(
    settings.remittanceShareBp === null ? '' : settings.remittanceShareBp / 100,
  );
  const [dueDay, setDueDay] = useState(settings.remittanceDueDay);
  const [threshold, setThreshold] = useState(settings.largeIncludesThreshold);
  const [noticeDays, setNoticeDays] = useState<number | string>(settings.noticeDays);
  const [add, setAdd] = useState(settings.payrollItems.add);
  const [subtract, setSubtract] = useState(settings.payrollItems.subtract);
  const { busy, error, submit, edited } = useSubmit(async () => {
    // A percentage with up to two decimals is a whole number of basis points: read it exactly, as money is.
    const shareText = String(share).trim();
    const parsed = shareText === '' ? null : parseYuan(shareText);
    const shareBp = parsed === null ? null : parsed.ok ? parsed.fen : -1;
    await change('dues.updateSettings', {
      rounding: { unit, mode },
      capAppliesToAnnualSalary: cap,
      backPaymentMonths: Number(back),
      prepaymentMonths: Number(pre),
      remittanceShareBp: shareBp,
      remittanceDueDay: dueDay.trim(),
      largeIncludesThreshold: threshold,
      noticeDays: Number(noticeDays),
      payrollItems: { add, subtract },
    });
    notifySaved('党费设置已保存；未锁定年度的核定已按新设置重新计算。');
  });
  return (
    <form onSubmit={submit} onChange={edited} aria-label="党费设置">
      <Stack gap="md" maw={900}>
        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <Text fw={600}>计算结果取整</Text>
            <Text size="sm" c="dimmed">
              党费规定没有统一的取整规则，各地做法不一。默认四舍五入到分；改变后，未锁定年度的核定按新规则重新计算，已锁定年度不变。
            </Text>
            <Group>
              <SegmentedControl
                aria-label="取整单位"
                value={unit}
                onChange={(v) => setUnit(v as RoundingUnit)}
                data={[
                  { value: 'fen', label: '到分' },
                  { value: 'jiao', label: '到角' },
                  { value: 'yuan', label: '到元' },
                ]}
              />
              <SegmentedControl
                aria-label="取整方式"
                value={mode}
                onChange={(v) => setMode(v as RoundingMode)}
                data={[
                  { value: 'halfUp', label: '四舍五入' },
                  { value: 'up', label: '只入不舍' },
                ]}
              />
              <Text size="sm">{describeRounding({ unit, mode })}</Text>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text fw={600}>收缴</Text>
            <Group grow>
              <NumberInput
                label="补交超过几个月时提示核实"
                description="规定补交一般不超过6个月"
                min={1}
                max={24}
                value={back}
                onChange={setBack}
                suffix=" 个月"
              />
              <NumberInput
                label="预交超过几个月时提示核实"
                description="各地规定一般为3至6个月"
                min={1}
                max={24}
                value={pre}
                onChange={setPre}
                suffix=" 个月"
              />
              <NumberInput
                label="上缴上级的比例"
                description="由省级党委组织部门规定；空着表示尚未设置"
                min={0}
                max={100}
                decimalScale={2}
                value={share}
                onChange={setShare}
                suffix=" %"
              />
              <TextInput
                label="上缴期限（次年月-日）"
                description="中央和国家机关为第一季度（03-31）；其他按本地规定"
                placeholder="03-31"
                value={dueDay}
                onChange={(e) => setDueDay(e.currentTarget.value)}
              />
              <NumberInput
                label="年度收缴情况公示几天"
                description="公示表印出起止日期；各地规定一般为5个工作日或7天"
                min={1}
                max={60}
                value={noticeDays}
                onChange={setNoticeDays}
                suffix=" 天"
              />
            </Group>
            <Switch
              checked={cap}
              onChange={(e) => setCap(e.currentTarget.checked)}
              label="年薪制党员也按“每月一般不超过1000元”核定（是否适用尚无明确规定）"
            />
            <Switch
              checked={threshold}
              onChange={(e) => setThreshold(e.currentTarget.checked)}
              label="一次性自愿多交恰好1000元也按大额党费处理（“1000元以上”是否含1000元尚无明确规定）"
            />
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Text fw={600}>工资表中的项目</Text>
            <Text size="sm" c="dimmed">
              基数 = 计入的项目之和 − 扣除的项目。各地工资项目名称不同，可按本单位工资表的列名增删；未列出的列不计入。
            </Text>
            <TagsInput label="计入基数的项目" value={add} onChange={setAdd} clearable />
            <TagsInput
              label="从基数中扣除的项目（个人所得税、五险一金、职业年金等）"
              value={subtract}
              onChange={setSubtract}
              clearable
            />
          </Stack>
        </Paper>
        <FormError error={error} />
        <Group>
          <Button type="submit" loading={busy}>
            保存设置
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
