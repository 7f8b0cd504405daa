import {
  Alert,
  Box,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { calculateDues, type DuesTerms } from '../../shared/dues/compute';
import { formatYuan } from '../../shared/dues/money';
import { formatMonth, monthsOfYear } from '../../shared/dues/months';
import {
  BASE_LABEL,
  CATEGORY_KIND,
  DUES_CATEGORIES,
  DUES_CATEGORY_LABEL,
  ruleSetFor,
  type DuesCategory,
} from '../../shared/dues/rules';
import { calcSettings } from '../../shared/dues/settings';
import type { AssessmentRow } from '../../shared/dues/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { useRuleTable } from './dues-hooks';
import { YuanInput } from './dues-parts';

export type TermsMode = { kind: 'edit' } | { kind: 'adjust' };

const CATEGORY_OPTIONS = DUES_CATEGORIES.map((c) => ({ value: c, label: DUES_CATEGORY_LABEL[c] }));

/**
 * A member's terms for the year: typed while the year is open, or, once it is locked, an
 * adjustment from a month on with its reason. The amount and its working follow as one types,
 * from the same rules the core applies.
 */
export function TermsModal({
  year,
  row,
  mode,
  today,
  onClose,
}: {
  year: number;
  row: AssessmentRow;
  mode: TermsMode;
  today: string;
  onClose: () => void;
}) {
  const settings = useQuery('dues.settings', {});
  const start = row.current;
  const [terms, setTerms] = useState<DuesTerms>(start.terms);
  const [startMonth, setStartMonth] = useState<string | null>(
    row.versions[0]?.effectiveFrom === `${year}-01` && row.startMonth !== `${year}-01` ? row.startMonth : null,
  );
  const [fromMonth, setFromMonth] = useState<string>(() => {
    const now = today.slice(0, 7);
    return now.startsWith(String(year)) ? now : `${year}-01`;
  });
  const [reason, setReason] = useState('');
  const [note, setNote] = useState(start.note ?? '');
  const set = (patch: Partial<DuesTerms>) => setTerms((t) => ({ ...t, ...patch }));
  const kind = CATEGORY_KIND[terms.category];
  const month = mode.kind === 'adjust' ? fromMonth : `${year}-01`;
  const table = useRuleTable();
  const preview =
    settings.status === 'ready' && table ? calculateDues(terms, month, calcSettings(settings.data), table) : null;
  const cap = table ? ruleSetFor(month, table).monthlyCapFen : null;

  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    // Only what the category uses is kept.
    const sent: DuesTerms = {
      category: terms.category,
      baseFen: kind === 'percentage' ? terms.baseFen : null,
      chosenFen: kind === 'chosen' || kind === 'approved' ? terms.chosenFen : null,
      aboveCap: kind === 'percentage' && terms.aboveCap,
      approval: kind === 'approved' ? terms.approval : null,
    };
    if (mode.kind === 'edit') {
      await change('dues.setTerms', { year, memberId: row.memberId, terms: sent, startMonth, note });
      notifySaved(`${row.name}的${year}年度党费核定已保存。`);
    } else {
      await change('dues.adjust', { year, memberId: row.memberId, fromMonth, terms: sent, reason });
      notifySaved(`已登记${row.name}自${formatMonth(fromMonth)}起的党费调整。`);
    }
    onClose();
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={`${mode.kind === 'edit' ? '核定党费' : '年度内调整'}：${row.name}（${row.branchName}）`}
      size="lg"
    >
      <form onSubmit={submit} onChange={edited} aria-label="党费核定">
        <Stack gap="sm">
          {mode.kind === 'adjust' && (
            <Text size="sm" c="dimmed">
              {year}
              年度党费已核定锁定。按规定年度内一般不作调整；确需调整的（如工资变动、转为困难党员），从某月起按新的标准交纳，并写明原因。已交纳的月份保留原交纳额。
            </Text>
          )}
          <SimpleGrid cols={2} spacing="sm">
            <Select
              label="党费类别"
              data={CATEGORY_OPTIONS}
              value={terms.category}
              onChange={(v) =>
                v &&
                set({ category: v as DuesCategory, ...(v === 'farmer' ? { chosenFen: terms.chosenFen ?? 20 } : {}) })
              }
              allowDeselect={false}
              data-autofocus
            />
            {mode.kind === 'adjust' ? (
              <Select
                label="自哪个月起"
                withAsterisk
                data={monthsOfYear(year).map((m) => ({ value: m, label: formatMonth(m) }))}
                value={fromMonth}
                onChange={(v) => v && setFromMonth(v)}
                allowDeselect={false}
                error={fieldError('fromMonth')}
              />
            ) : (
              <Select
                label="起交月份"
                description="年内转入、新入党的自动按入党或转入月份起算；介绍信注明党费已交到某月的，可在此改起交月份"
                data={[
                  { value: '', label: '按名册自动确定' },
                  ...monthsOfYear(year).map((m) => ({ value: m, label: formatMonth(m) })),
                ]}
                value={startMonth ?? ''}
                onChange={(v) => setStartMonth(v || null)}
                allowDeselect={false}
                error={fieldError('startMonth')}
              />
            )}
          </SimpleGrid>

          {kind === 'percentage' && (
            <YuanInput
              label={`月基数：${BASE_LABEL[terms.category] ?? ''}`}
              withAsterisk
              value={terms.baseFen}
              onChange={(baseFen) => set({ baseFen })}
              error={fieldError('terms.baseFen')}
              placeholder="如 6300 或 6,300.00"
            />
          )}
          {kind === 'chosen' && (
            <YuanInput
              label="每月交纳金额（0.20元至1.00元）"
              withAsterisk
              value={terms.chosenFen}
              onChange={(chosenFen) => set({ chosenFen })}
              error={fieldError('terms.chosenFen')}
            />
          )}
          {kind === 'approved' && (
            <Paper withBorder p="sm" radius="sm">
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  困难党员少交或免交党费，须经支部研究，报上一级党委批准。
                </Text>
                <SimpleGrid cols={2} spacing="sm">
                  <TextInput
                    label="批准的党组织"
                    withAsterisk
                    value={terms.approval?.body ?? ''}
                    onChange={(e) =>
                      set({
                        approval: {
                          body: e.currentTarget.value,
                          documentNo: terms.approval?.documentNo ?? null,
                          on: terms.approval?.on ?? '',
                        },
                      })
                    }
                    error={fieldError('terms.approval') ?? fieldError('terms.approval.body')}
                  />
                  <TextInput
                    label="批准文号"
                    value={terms.approval?.documentNo ?? ''}
                    onChange={(e) =>
                      set({
                        approval: {
                          body: terms.approval?.body ?? '',
                          documentNo: e.currentTarget.value || null,
                          on: terms.approval?.on ?? '',
                        },
                      })
                    }
                  />
                  <DateField
                    label="批准日期"
                    withAsterisk
                    value={terms.approval?.on || null}
                    maxDate={today}
                    onChange={(on) =>
                      set({
                        approval: {
                          body: terms.approval?.body ?? '',
                          documentNo: terms.approval?.documentNo ?? null,
                          on: on ?? '',
                        },
                      })
                    }
                    error={fieldError('terms.approval.on')}
                  />
                  <YuanInput
                    label="批准后每月交纳（免交填 0）"
                    withAsterisk
                    value={terms.chosenFen}
                    onChange={(chosenFen) => set({ chosenFen })}
                    error={fieldError('terms.chosenFen')}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
          )}
          {kind === 'percentage' &&
            cap !== null &&
            preview?.ok &&
            preview.computedFen !== null &&
            preview.computedFen > cap && (
              <Checkbox
                checked={terms.aboveCap}
                onChange={(e) => set({ aboveCap: e.currentTarget.checked })}
                label={`本人自愿按计算额 ${formatYuan(preview.computedFen)} 元交纳（否则按每月 ${formatYuan(cap)} 元核定）`}
              />
            )}

          <Box aria-label="计算过程">
            <Alert
              color={preview && !preview.ok ? 'orange' : 'gray'}
              variant="light"
              title={preview?.ok ? `每月 ${formatYuan(preview.amountFen)} 元` : '尚不能计算'}
            >
              {preview ? (preview.ok ? preview.explanation : preview.message) : '正在读取设置…'}
              {preview?.ok && preview.bracket && (
                <Text size="xs" c="dimmed" mt={4}>
                  基数在“{preview.bracket}”档，按全额计算，不累进。
                </Text>
              )}
            </Alert>
          </Box>

          {mode.kind === 'adjust' ? (
            <Textarea
              label="调整原因"
              withAsterisk
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldError('reason')}
              placeholder="如：2026年7月起职级晋升，工资调整"
            />
          ) : (
            <TextInput label="备注" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          )}
          <FormError
            error={error}
            inlineFields={[
              'terms.baseFen',
              'terms.chosenFen',
              'terms.approval',
              'terms.approval.body',
              'terms.approval.on',
              'fromMonth',
              'startMonth',
              'reason',
            ]}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              取消
            </Button>
            <Button type="submit" loading={busy}>
              {mode.kind === 'edit' ? '保存核定' : '登记调整'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
