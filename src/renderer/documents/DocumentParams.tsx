import { Group, Select, Switch } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import type { Channel, Input, Output } from '../../shared/contract';
import {
  defaultParam,
  meetingChoices,
  type DocumentInfo,
  type DocumentParam,
  type DocumentParamValue,
} from '../../shared/documents';
import { addMonthsTo, formatMonth, monthRange } from '../../shared/dues/months';
import { MEETING_KIND_LABEL } from '../../shared/meetings/rules';
import { invoke } from '../api/client';
import type { Route } from '../app/routes';
import { messageOf } from '../common/notify';

/*
 * The pickers of the 文档打印 screen: one for each parameter the document declares (a meeting,
 * whose material, a 班子成员 of a year, a branch, a month, a year, 双面打印), filled from the
 * usual query channels, starting where defaultParam says (the most recent meeting, the whole
 * organ, this month, this year).
 */

/** What the office chose; null is an explicit "not given" (全机关, 全体班子成员, 领导班子); absent is the default. */
export type ChosenParams = Record<string, DocumentParamValue | null>;

export interface MissingChoice {
  message: string;
  route: Route;
  action: string;
}

export interface DocumentParamsState {
  /** What to preview with; null while the pickers' data loads or when something required cannot be chosen. */
  params: Record<string, DocumentParamValue> | null;
  /** A required choice with nothing to choose from (no meeting yet): what to tell the office and where to go. */
  missing: MissingChoice | null;
  /** A picker's data could not be read. */
  failed: string | null;
  pickers: ReactNode;
}

type Loaded<T> = { key: string; data: T } | { key: string; error: string } | null;

/** Loads a query for the current input only; undefined until the answer for this input is in. */
function useLoad<C extends Channel>(channel: C, input: Input<C> | null): { data?: Output<C>; error?: string } {
  const key = input === null ? '' : `${channel}:${JSON.stringify(input)}`;
  const [loaded, setLoaded] = useState<Loaded<Output<C>>>(null);
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    invoke(channel, JSON.parse(key.slice(channel.length + 1)) as Input<C>).then(
      (data) => !cancelled && setLoaded({ key, data }),
      (error: unknown) => !cancelled && setLoaded({ key, error: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [channel, key]);
  if (!key || !loaded || loaded.key !== key) return {};
  return 'data' in loaded ? { data: loaded.data } : { error: loaded.error };
}

const NONE = '';

function find(params: readonly DocumentParam[], kind: DocumentParam['kind']): DocumentParam | undefined {
  return params.find((p) => p.kind === kind);
}

export function useDocumentParams(
  doc: DocumentInfo,
  today: string,
  chosen: ChosenParams,
  onChange: (name: string, value: DocumentParamValue | null) => void,
): DocumentParamsState {
  const meetingParam = find(doc.params, 'meeting');
  const personParam = find(doc.params, 'meetingPerson');
  const leaderParam = find(doc.params, 'leader');
  const yearParam = find(doc.params, 'year');
  const branchParam = find(doc.params, 'branch');

  const meetings = useLoad('meetings.list', meetingParam ? {} : null);
  const branches = useLoad('org.units', branchParam ? {} : null);
  const meetingOptions = meetingParam && meetings.data ? meetingChoices(meetingParam, meetings.data) : [];
  const chosenMeeting = meetingParam ? chosen[meetingParam.name] : undefined;
  const meetingId = meetingParam
    ? meetingOptions.some((m) => m.id === chosenMeeting)
      ? (chosenMeeting as number)
      : (meetingOptions[0]?.id ?? null)
    : null;
  const thisYear = Number(today.slice(0, 4));
  const year = yearParam && typeof chosen[yearParam.name] === 'number' ? (chosen[yearParam.name] as number) : thisYear;
  const meeting = useLoad('meetings.get', personParam && meetingId !== null ? { meetingId } : null);
  const team = useLoad('duties.team', leaderParam ? { year } : null);

  const params: Record<string, DocumentParamValue> = {};
  const pickers: ReactNode[] = [];
  let loading = false;
  let missing: MissingChoice | null = null;
  const failed = meetings.error ?? branches.error ?? meeting.error ?? team.error ?? null;

  for (const param of doc.params) {
    const picked = chosen[param.name];
    const set = (value: DocumentParamValue | undefined) => {
      if (value !== undefined) params[param.name] = value;
    };
    const select = (
      data: { value: string; label: string }[],
      value: string,
      parse: (v: string) => DocumentParamValue | null,
      width = 200,
    ) =>
      pickers.push(
        <Select
          key={param.name}
          label={param.label}
          aria-label={param.label}
          w={width}
          data={data}
          value={value}
          onChange={(v) => v !== null && onChange(param.name, parse(v))}
          allowDeselect={false}
          searchable={data.length > 8}
          comboboxProps={{ withinPortal: true }}
        />,
      );
    switch (param.kind) {
      case 'meeting': {
        if (!meetings.data) {
          loading = true;
          break;
        }
        if (meetingId === null) {
          const branchOnly = param.meetingKinds?.length === 1 && param.meetingKinds[0] === 'branch';
          missing = {
            message: branchOnly
              ? `“${doc.title}”按一次组织生活会生成，现在还没有组织生活会。请先在“生活会”中新建组织生活会，再回到这里打印。`
              : `“${doc.title}”按一次民主生活会或组织生活会生成，现在还没有会议。请先在“生活会”中新建会议，再回到这里打印。`,
            route: 'meetings',
            action: '去“生活会”新建会议',
          };
          break;
        }
        set(meetingId);
        select(
          meetingOptions.map((m) => ({
            value: String(m.id),
            label: `${m.year}年度${m.unitName ?? ''}${MEETING_KIND_LABEL[m.kind]}（${m.heldOn}）`,
          })),
          String(meetingId),
          Number,
          340,
        );
        break;
      }
      case 'meetingPerson': {
        if (missing) break;
        const materials = meeting.data?.materials;
        if (!materials) {
          loading = true;
          break;
        }
        const options = materials.map((m) => ({
          value: m.personId === null ? NONE : String(m.personId),
          label: m.owner,
        }));
        const fallback = defaultParam(param, { today, materials });
        if (fallback === null) {
          missing = {
            message: '这次会议还没有对照检查材料。请先在“生活会”中打开这次会议，填写对照检查材料。',
            route: 'meetings',
            action: '去“生活会”填写材料',
          };
          break;
        }
        const valid =
          picked !== undefined && options.some((o) => o.value === (picked === null ? NONE : String(picked)));
        const value = valid ? picked : (fallback ?? null);
        set(value ?? undefined);
        select(options, value === null ? NONE : String(value), (v) => (v === NONE ? null : Number(v)), 220);
        break;
      }
      case 'leader': {
        const leaders = team.data;
        if (!leaders) {
          loading = true;
          break;
        }
        if (leaders.length === 0) {
          missing = {
            message: `${year}年度还没有登记领导班子成员。请先在“一岗双责”中登记班子成员和责任清单，再回到这里打印。`,
            route: 'duties',
            action: '去“一岗双责”登记',
          };
          break;
        }
        const all = param.default === 'all' ? [{ value: NONE, label: param.allLabel ?? '全体班子成员' }] : [];
        const options = [
          ...all,
          ...leaders.map((l) => ({ value: String(l.id), label: l.title ? `${l.name}（${l.title}）` : l.name })),
        ];
        const valid =
          picked !== undefined && options.some((o) => o.value === (picked === null ? NONE : String(picked)));
        const value = valid ? picked : (defaultParam(param, { today, leaders }) ?? null);
        set(value ?? undefined);
        select(options, value === null ? NONE : String(value), (v) => (v === NONE ? null : Number(v)), 260);
        break;
      }
      case 'branch': {
        const units = branches.data;
        if (!units) {
          loading = true;
          break;
        }
        const options = [
          { value: NONE, label: param.allLabel },
          ...units
            .filter((u) => u.kind === 'branch' && !u.dissolvedOn)
            .map((u) => ({ value: String(u.id), label: u.name })),
        ];
        const valid = typeof picked === 'number' && options.some((o) => o.value === String(picked));
        set(valid ? picked : undefined);
        select(options, valid ? String(picked) : NONE, (v) => (v === NONE ? null : Number(v)), 240);
        break;
      }
      case 'year': {
        set(year);
        const years = Array.from({ length: 11 }, (_, i) => thisYear + 1 - i);
        if (!years.includes(year)) years.push(year);
        select(
          years.map((y) => ({ value: String(y), label: `${y}年` })),
          String(year),
          Number,
          110,
        );
        break;
      }
      case 'month': {
        const now = today.slice(0, 7);
        const value = typeof picked === 'string' ? picked : now;
        set(value);
        const months = monthRange(addMonthsTo(now, -36), addMonthsTo(now, 12)).reverse();
        if (!months.includes(value)) months.push(value);
        select(
          months.map((m) => ({ value: m, label: formatMonth(m) })),
          value,
          String,
          140,
        );
        break;
      }
      case 'flag': {
        const value = typeof picked === 'boolean' ? picked : param.default;
        set(value);
        pickers.push(
          <Switch
            key={param.name}
            checked={value}
            onChange={(event) => onChange(param.name, event.currentTarget.checked)}
            label={param.label}
          />,
        );
        break;
      }
    }
  }

  const selects = pickers.filter((p) => (p as { type?: unknown }).type === Select);
  const switches = pickers.filter((p) => (p as { type?: unknown }).type !== Select);
  return {
    params: loading || missing || failed ? null : params,
    missing,
    failed,
    pickers:
      pickers.length > 0 ? (
        <>
          {selects.length > 0 && (
            <Group gap="sm" align="flex-end" data-testid="document-params">
              {selects}
            </Group>
          )}
          {switches}
        </>
      ) : null,
  };
}
