import {
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useRef, useState } from 'react';
import { formatChineseDate, isMonthOnly } from '../../shared/dates';
import { checkCitizenId } from '../../shared/members/citizen-id';
import {
  DEGREE_LABEL,
  EDUCATION_LABEL,
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  type Degree,
  type Education,
  type EmploymentCategory,
} from '../../shared/members/fields';
import { MEMBER_FIELD_LABEL, type MemberFields, type MemberFieldsInput } from '../../shared/members/input';
import { probationEndsOn } from '../../shared/members/probation';
import { fullMembershipFits } from '../../shared/members/rules';
import type { MemberDetail } from '../../shared/members/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';

export type MemberFormMode = { kind: 'add' } | { kind: 'edit'; member: MemberDetail };

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

/** Under the field its own label need not be said again: "公民身份号码：公民身份号码校验码不对" reads "校验码不对". */
function underLabel(field: string, message: string | undefined): string | undefined {
  const label = MEMBER_FIELD_LABEL[field as keyof MemberFields];
  if (!message || !label || !message.startsWith(label)) return message;
  const rest = message.slice(label.length).replace(/^：/, '');
  return rest.startsWith(label) ? underLabel(field, rest) : rest;
}

/** The form's starting values: the member's when editing, empty (with the usual defaults) when adding. */
function initialFields(existing: MemberDetail | null): MemberFieldsInput {
  return {
    name: existing?.name ?? '',
    gender: existing?.gender ?? null,
    citizenId: existing?.citizenId ?? '',
    ethnicity: existing?.ethnicity ?? '汉族',
    education: existing?.education ?? null,
    degree: existing?.degree ?? null,
    nativePlace: existing?.nativePlace ?? '',
    branchId: existing?.branchId ?? 0,
    partyGroupId: existing?.partyGroupId ?? null,
    divisionId: existing?.divisionId ?? null,
    admittedOn: existing?.admittedOn ?? '',
    probationExtensionMonths: existing?.probationExtensionMonths ?? null,
    fullMembershipOn: existing?.fullMembershipOn ?? null,
    jobTitle: existing?.jobTitle ?? '',
    phone: existing?.phone ?? '',
    address: existing?.address ?? '',
    lostContactSince: existing?.lostContactSince ?? null,
    isMobile: existing?.isMobile ?? false,
    mobileDestination: existing?.mobileDestination ?? '',
    partyPost: existing?.partyPost ?? '',
    adminPost: existing?.adminPost ?? '',
    employmentCategory: existing?.employmentCategory ?? 'employed',
    introducers: existing?.introducers ?? '',
    note: existing?.note ?? '',
  };
}

/** Add or edit a member; status changes are not edits and live on the member page. */
export function MemberFormModal({
  mode,
  onClose,
  onSaved,
}: {
  mode: MemberFormMode;
  onClose: () => void;
  onSaved?: (m: MemberDetail) => void;
}) {
  const existing = mode.kind === 'edit' ? mode.member : null;
  const units = useQuery('org.units', {});
  const settings = useQuery('settings.get', {});
  const divisionList = useQuery('org.divisions', {});
  const status = useQuery('app.status', {});
  const today = status.status === 'ready' && status.data.state === 'ready' ? status.data.today : undefined;
  const [f, setF] = useState<MemberFieldsInput>(() => initialFields(existing));
  const [full, setFull] = useState(existing ? existing.fullMembershipOn !== null : true);
  const [arrival, setArrival] = useState<{ from: string; on: string | null; documentNo: string } | null>(null);
  const set = (patch: Partial<MemberFieldsInput>) => setF((prev) => ({ ...prev, ...patch }));

  const id = f.citizenId.trim() ? checkCitizenId(f.citizenId, today) : null;
  const convention = settings.status === 'ready' ? settings.data.probationEndConvention : 'anniversary';
  const probationEnd = f.admittedOn
    ? probationEndsOn(f.admittedOn, f.probationExtensionMonths ?? null, convention)
    : null;
  const computedFull = full && probationEnd && (!today || probationEnd <= today) ? probationEnd : null;
  // A 转正 day already on record that fits a month-only admission is kept, not turned back into the month.
  const fullMembershipOn =
    computedFull &&
    existing?.fullMembershipOn &&
    !isMonthOnly(existing.fullMembershipOn) &&
    f.admittedOn &&
    fullMembershipFits(f.admittedOn, f.probationExtensionMonths ?? null, existing.fullMembershipOn, convention)
      ? existing.fullMembershipOn
      : computedFull;
  const live = units.status === 'ready' ? units.data.filter((u) => !u.dissolvedOn) : [];
  const branches = live.filter((u) => u.kind === 'branch');
  const groups = live.filter((u) => u.kind === 'partyGroup' && u.parentId === f.branchId);
  // Live 处室, and the member's own even when dissolved since (kept until changed).
  const divisionChoices = (divisionList.status === 'ready' ? divisionList.data : []).filter(
    (d) => !d.dissolvedOn || d.id === existing?.divisionId,
  );

  const nameRef = useRef<HTMLInputElement>(null);
  /** Set by 保存并继续新增 just before the form submits: keep the dialog open for the next person. */
  const another = useRef(false);
  const [added, setAdded] = useState<string[]>([]);
  const {
    busy,
    error,
    submit,
    fieldError: rawFieldError,
    edited,
  } = useSubmit(
    async () => {
      const fields = { ...f, gender: f.gender ?? (id?.ok ? id.gender : null), fullMembershipOn };
      const saved = existing
        ? await change('roster.update', { id: existing.id, fields })
        : await change('roster.add', {
            fields,
            arrival: arrival ? { from: arrival.from, on: arrival.on ?? '', documentNo: arrival.documentNo } : null,
          });
      notifySaved(`${saved.name}的信息已保存。`);
      if (another.current && !existing) {
        // The next person: a clean form, the same 党支部 and 党小组 (people are usually entered branch by branch).
        setF({ ...initialFields(null), branchId: f.branchId, partyGroupId: f.partyGroupId });
        setFull(true);
        setArrival(null);
        setAdded((prev) => [...prev, saved.name]);
        requestAnimationFrame(() => nameRef.current?.focus());
        return;
      }
      onClose();
      onSaved?.(saved);
    },
    { fieldPrefix: 'fields.' },
  );
  const fieldError = (field: string) => underLabel(field, rawFieldError(field));
  const inline = [
    'name',
    'citizenId',
    'gender',
    'branchId',
    'partyGroupId',
    'divisionId',
    'admittedOn',
    'fullMembershipOn',
    'phone',
    'address',
    'jobTitle',
    'mobileDestination',
    'lostContactSince',
    'note',
    'arrival',
  ];

  return (
    <Modal opened onClose={onClose} title={existing ? `修改党员信息：${existing.name}` : '新增党员'} size={860}>
      <form onSubmit={submit} onChange={edited} aria-label="党员信息">
        <Stack gap="sm">
          <Divider label="基本信息" labelPosition="left" />
          <SimpleGrid cols={3} spacing="sm">
            <TextInput
              ref={nameRef}
              label="姓名"
              withAsterisk
              data-autofocus
              value={f.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              error={fieldError('name')}
            />
            <TextInput
              label="公民身份号码"
              withAsterisk
              value={f.citizenId}
              onChange={(e) => set({ citizenId: e.currentTarget.value })}
              error={
                fieldError('citizenId') ??
                (id && !id.ok && f.citizenId.trim().length >= 18 ? underLabel('citizenId', id.message) : undefined)
              }
              description={
                id?.ok ? `出生日期 ${formatChineseDate(id.birthDate)}，${GENDER_LABEL[id.gender]}` : '18位，末位可为X'
              }
              className="tabular"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                性别
              </Text>
              <SegmentedControl
                aria-label="性别"
                data={options(GENDER_LABEL)}
                value={f.gender ?? (id?.ok ? id.gender : 'male')}
                onChange={(v) => set({ gender: v as 'male' | 'female' })}
              />
              {fieldError('gender') && (
                <Text size="xs" c="red">
                  {fieldError('gender')}
                </Text>
              )}
            </Stack>
            <TextInput
              label="民族"
              value={f.ethnicity ?? ''}
              onChange={(e) => set({ ethnicity: e.currentTarget.value })}
            />
            <TextInput
              label="籍贯"
              placeholder="如：河北石家庄"
              value={f.nativePlace ?? ''}
              onChange={(e) => set({ nativePlace: e.currentTarget.value })}
            />
            <Group grow gap="xs">
              <Select
                label="学历"
                data={options(EDUCATION_LABEL)}
                value={f.education ?? null}
                onChange={(v) => set({ education: v as Education | null })}
                clearable
              />
              <Select
                label="学位"
                data={options(DEGREE_LABEL)}
                value={f.degree ?? null}
                onChange={(v) => set({ degree: v as Degree | null })}
                clearable
              />
            </Group>
          </SimpleGrid>

          <Divider label="党籍" labelPosition="left" mt="xs" />
          <SimpleGrid cols={3} spacing="sm">
            <Select
              label="所在党支部"
              withAsterisk
              data={branches.map((b) => ({ value: String(b.id), label: b.name }))}
              value={f.branchId ? String(f.branchId) : null}
              onChange={(v) => set({ branchId: Number(v ?? 0), partyGroupId: null })}
              error={fieldError('branchId')}
              searchable
            />
            <Select
              label="党小组"
              data={groups.map((g) => ({ value: String(g.id), label: g.name }))}
              value={f.partyGroupId ? String(f.partyGroupId) : null}
              onChange={(v) => set({ partyGroupId: v ? Number(v) : null })}
              disabled={groups.length === 0}
              placeholder={groups.length === 0 ? '本支部未设党小组' : '选择党小组'}
              clearable
            />
            <DateField
              label="入党日期"
              withAsterisk
              accepts="monthOrDay"
              description={
                f.admittedOn && isMonthOnly(f.admittedOn)
                  ? '只记到月份，日期待补全：查到具体日期后请补全'
                  : '支部大会接收为预备党员之日'
              }
              value={f.admittedOn || null}
              onChange={(v) => set({ admittedOn: v ?? '' })}
              maxDate={today}
              error={fieldError('admittedOn')}
            />
            <Select
              label="预备期延长"
              data={[
                { value: '', label: '未延长' },
                ...[6, 7, 8, 9, 10, 11, 12].map((m) => ({ value: String(m), label: `延长${m}个月` })),
              ]}
              value={String(f.probationExtensionMonths ?? '')}
              onChange={(v) => set({ probationExtensionMonths: v ? Number(v) : null })}
              allowDeselect={false}
              disabled={Boolean(existing)}
              description={existing ? '延长预备期请在党员页面登记' : undefined}
            />
            <Stack gap={4} justify="center">
              <Checkbox
                label="已转为正式党员"
                checked={full}
                onChange={(e) => setFull(e.currentTarget.checked)}
                disabled={Boolean(existing)}
              />
              <Text size="xs" c={fieldError('fullMembershipOn') ? 'red' : 'dimmed'}>
                {fieldError('fullMembershipOn') ??
                  (full && probationEnd
                    ? fullMembershipOn
                      ? `转正日期：${formatChineseDate(fullMembershipOn)}（预备期满之日）`
                      : `预备期${formatChineseDate(probationEnd)}才满，尚不能转正`
                    : '预备党员')}
              </Text>
            </Stack>
            <TextInput
              label="入党介绍人"
              value={f.introducers ?? ''}
              onChange={(e) => set({ introducers: e.currentTarget.value })}
            />
          </SimpleGrid>

          <Divider label="工作与联系" labelPosition="left" mt="xs" />
          <SimpleGrid cols={3} spacing="sm">
            <Select
              label="人员身份"
              description="影响党费计算"
              data={options(EMPLOYMENT_LABEL)}
              value={f.employmentCategory ?? 'employed'}
              onChange={(v) => set({ employmentCategory: (v ?? 'employed') as EmploymentCategory })}
              allowDeselect={false}
            />
            <Select
              label="所在处室"
              description={divisionChoices.length === 0 ? '处室名单在“组织设置 → 处室”中维护' : '本机关的处室（部门）'}
              data={divisionChoices.map((d) => ({
                value: String(d.id),
                label: d.dissolvedOn ? `${d.name}（已撤销）` : d.name,
              }))}
              value={f.divisionId ? String(f.divisionId) : null}
              onChange={(v) => set({ divisionId: v ? Number(v) : null })}
              error={fieldError('divisionId')}
              placeholder={divisionChoices.length === 0 ? '尚未建立处室名单' : '选择处室'}
              disabled={divisionChoices.length === 0}
              clearable
              searchable
            />
            <TextInput
              label="工作岗位"
              value={f.jobTitle ?? ''}
              onChange={(e) => set({ jobTitle: e.currentTarget.value })}
              error={fieldError('jobTitle')}
            />
            <TextInput
              label="联系电话"
              value={f.phone ?? ''}
              onChange={(e) => set({ phone: e.currentTarget.value })}
              error={fieldError('phone')}
            />
            <TextInput
              label="党内职务"
              value={f.partyPost ?? ''}
              onChange={(e) => set({ partyPost: e.currentTarget.value })}
            />
            <TextInput
              label="行政职务/职级"
              value={f.adminPost ?? ''}
              onChange={(e) => set({ adminPost: e.currentTarget.value })}
            />
            <TextInput
              label="家庭住址"
              value={f.address ?? ''}
              onChange={(e) => set({ address: e.currentTarget.value })}
              error={fieldError('address')}
            />
          </SimpleGrid>

          <Divider label="其他" labelPosition="left" mt="xs" />
          <SimpleGrid cols={3} spacing="sm">
            <Stack gap={6}>
              <Switch
                label="流动党员"
                checked={f.isMobile ?? false}
                onChange={(e) =>
                  set({
                    isMobile: e.currentTarget.checked,
                    mobileDestination: e.currentTarget.checked ? f.mobileDestination : '',
                  })
                }
              />
              {f.isMobile && (
                <TextInput
                  aria-label="外出流向"
                  placeholder="外出流向，如：广东深圳"
                  value={f.mobileDestination ?? ''}
                  onChange={(e) => set({ mobileDestination: e.currentTarget.value })}
                  error={fieldError('mobileDestination')}
                />
              )}
            </Stack>
            {!existing ? (
              <Stack gap={6}>
                <Switch
                  label="失联党员"
                  checked={f.lostContactSince !== null}
                  onChange={(e) => set({ lostContactSince: e.currentTarget.checked ? (today ?? null) : null })}
                />
                {f.lostContactSince !== null && (
                  <DateField
                    aria-label="失去联系日期"
                    label="失去联系日期"
                    value={f.lostContactSince ?? null}
                    onChange={(v) => set({ lostContactSince: v })}
                    maxDate={today}
                    error={fieldError('lostContactSince')}
                  />
                )}
              </Stack>
            ) : (
              <div />
            )}
            <Textarea
              label="备注"
              autosize
              minRows={1}
              value={f.note ?? ''}
              onChange={(e) => set({ note: e.currentTarget.value })}
              error={fieldError('note')}
            />
          </SimpleGrid>

          {!existing && (
            <>
              <Divider label="来源" labelPosition="left" mt="xs" />
              <Group align="flex-end" gap="sm">
                <SegmentedControl
                  aria-label="来源"
                  data={[
                    { value: 'here', label: '在本机关入党或已在册' },
                    { value: 'transfer', label: '组织关系转入' },
                  ]}
                  value={arrival ? 'transfer' : 'here'}
                  onChange={(v) =>
                    setArrival(v === 'transfer' ? { from: '', on: today ?? null, documentNo: '' } : null)
                  }
                />
                {arrival && (
                  <>
                    <TextInput
                      label="转出单位"
                      placeholder="如：中共某某区委组织部"
                      value={arrival.from}
                      onChange={(e) => setArrival({ ...arrival, from: e.currentTarget.value })}
                      style={{ flex: 1 }}
                    />
                    <DateField
                      label="转入日期"
                      value={arrival.on}
                      onChange={(v) => setArrival({ ...arrival, on: v })}
                      maxDate={today}
                      w={170}
                    />
                    <TextInput
                      label="介绍信编号"
                      value={arrival.documentNo}
                      onChange={(e) => setArrival({ ...arrival, documentNo: e.currentTarget.value })}
                      w={150}
                    />
                  </>
                )}
              </Group>
            </>
          )}

          <FormError error={error} inlineFields={[...inline, ...inline.map((name) => `fields.${name}`)]} />
          <Group justify="flex-end" mt="xs">
            {added.length > 0 && (
              <Text size="sm" c="dimmed" mr="auto" aria-label="本次已新增">
                本次已新增 {added.length} 人：{added.join('、')}
              </Text>
            )}
            <Button variant="default" onClick={onClose}>
              {added.length > 0 ? '关闭' : '取消'}
            </Button>
            {!existing && (
              <Button type="submit" variant="light" loading={busy} onClick={() => (another.current = true)}>
                保存并继续新增
              </Button>
            )}
            <Button type="submit" loading={busy} onClick={() => (another.current = false)}>
              保存
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
