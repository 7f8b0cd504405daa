import { Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { addMonthsTo, formatMonth, monthRange } from '../../shared/dues/months';
import type { OpeningView } from '../../shared/dues/views';
import { change } from '../api/client';
import { useQuery } from '../api/use-query';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { QueryView } from '../common/QueryView';
import { useSubmit } from '../common/use-submit';
import { MemberPicker } from './FundsTab';

function monthOptions(today: string, from = -48, to = 12) {
  const now = today.slice(0, 7);
  return monthRange(addMonthsTo(now, from), addMonthsTo(now, to))
    .reverse()
    .map((m) => ({ value: m, label: formatMonth(m) }));
}

/** 党费 → 设置: 启用月份 and the members who were behind at takeover. */
export function OpeningPanel({ today }: { today: string }) {
  const opening = useQuery('dues.opening', {});
  return <QueryView query={opening}>{(o) => <Opening opening={o} today={today} />}</QueryView>;
}

function Opening({ opening, today }: { opening: OpeningView; today: string }) {
  return (
    <Paper withBorder p="md" radius="md" aria-label="启用月份">
      <Stack gap="sm" maw={900}>
        <Title order={4}>启用月份（党费已交至）</Title>
        <Text size="sm" c="dimmed">
          本机关从哪个月起用本程序登记党费。此前的月份记在纸质台账上，按已交清对待：不计欠交、不提醒、不列入欠交清单，台账中标为“启用前”。启用时确有党员欠交的，在下面单独登记其党费已交至的月份。
        </Text>
        <OpeningForm opening={opening} today={today} />
        {opening.from && <Exceptions opening={opening} today={today} />}
      </Stack>
    </Paper>
  );
}

export function OpeningForm({ opening, today, compact }: { opening: OpeningView; today: string; compact?: boolean }) {
  const [from, setFrom] = useState<string | null>(opening.from ?? today.slice(0, 7));
  const [note, setNote] = useState(opening.note ?? '');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    const saved = await change('dues.setOpening', { from, note });
    notifySaved(saved.from ? `启用月份已设为${formatMonth(saved.from)}；此前的月份按已交清对待。` : '已取消启用月份。');
  });
  return (
    <form onSubmit={submit} onChange={edited} aria-label="设置启用月份">
      <Stack gap="xs">
        <Group align="flex-end" gap="md">
          <Select
            label="启用月份"
            description={from ? `即本机关党费已交至${formatMonth(addMonthsTo(from, -1))}` : undefined}
            data={monthOptions(today)}
            value={from}
            onChange={setFrom}
            allowDeselect={false}
            searchable
            w={200}
            error={fieldError('from')}
          />
          {!compact && (
            <TextInput
              label="说明"
              placeholder="如：此前党费记在纸质台账上"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              w={320}
            />
          )}
          <Button type="submit" loading={busy}>
            {opening.from ? '保存启用月份' : '设置启用月份'}
          </Button>
          {opening.from && !compact && (
            <Button
              variant="subtle"
              color="gray"
              loading={busy}
              onClick={() =>
                void change('dues.setOpening', { from: null, note: null }).then(
                  () => notifySaved('已取消启用月份。'),
                  () => undefined,
                )
              }
            >
              取消启用月份
            </Button>
          )}
        </Group>
        <FormError error={error} inlineFields={['from']} />
      </Stack>
    </form>
  );
}

function Exceptions({ opening, today }: { opening: OpeningView; today: string }) {
  const [memberId, setMemberId] = useState<number | null>(null);
  const [paidTo, setPaidTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const organPaidTo = addMonthsTo(opening.from!, -1);
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('dues.setOpeningException', { memberId: memberId ?? 0, paidTo, note });
    notifySaved('已登记。');
    setMemberId(null);
    setPaidTo(null);
    setNote('');
  });
  const remove = (id: number) =>
    void change('dues.setOpeningException', { memberId: id, paidTo: null, note: null }).then(
      () => notifySaved('已删除该例外。'),
      () => undefined,
    );
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        启用时欠交的党员（例外）
      </Text>
      {opening.exceptions.length > 0 ? (
        <Table aria-label="启用时欠交的党员" verticalSpacing={4} maw={760}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>党支部</Table.Th>
              <Table.Th>姓名</Table.Th>
              <Table.Th>党费已交至</Table.Th>
              <Table.Th>说明</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {opening.exceptions.map((e) => (
              <Table.Tr key={e.memberId} aria-label={e.name}>
                <Table.Td>{e.branchName}</Table.Td>
                <Table.Td>{e.name}</Table.Td>
                <Table.Td>{formatMonth(e.paidTo)}</Table.Td>
                <Table.Td>{e.note ?? ''}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="subtle" color="gray" onClick={() => remove(e.memberId)}>
                    删除
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          没有例外：全体党员按党费已交至{formatMonth(organPaidTo)}对待。
        </Text>
      )}
      <form onSubmit={submit} onChange={edited} aria-label="登记启用时欠交的党员">
        <Group align="flex-end" gap="md">
          <MemberPicker value={memberId} onChange={setMemberId} error={fieldError('memberId')} />
          <Select
            label="党费已交至"
            data={monthOptions(today, -72, 0).filter((m) => m.value < organPaidTo)}
            value={paidTo}
            onChange={setPaidTo}
            searchable
            w={170}
            error={fieldError('paidTo')}
          />
          <TextInput
            label="说明"
            placeholder="如：据纸质台账"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            w={220}
          />
          <Button type="submit" variant="default" loading={busy} disabled={!memberId || !paidTo}>
            登记例外
          </Button>
        </Group>
        <FormError error={error} inlineFields={['memberId', 'paidTo']} />
      </form>
    </Stack>
  );
}

/** The offer on 年度核定 when the first year assessed began before this office started here. */
export function OpeningOffer({ year, today }: { year: number; today: string }) {
  const opening = useQuery('dues.opening', {});
  if (opening.status !== 'ready') return null;
  const o = opening.data;
  if (o.from !== null || o.firstYear !== year || today.slice(0, 7) <= `${year}-01`) return null;
  return (
    <Alert color="blue" title="年中开始使用本程序？请先设置启用月份" aria-label="设置启用月份提示">
      <Stack gap="xs">
        <Text size="sm">
          核定表从{year}
          年1月起计算。如果本机关此前的党费记在纸质台账上，请设置启用月份（本程序从哪个月起登记党费）：此前的月份按已交清对待，不计欠交、不提醒、不列入欠交清单。启用时确有党员欠交的，可在“设置”中单独登记。
        </Text>
        <OpeningForm opening={o} today={today} compact />
      </Stack>
    </Alert>
  );
}
