import { Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { OrgUnit } from '../../shared/contract';
import { formatChineseDate, localToday } from '../../shared/dates';
import { canContain, DEFAULT_TERM_YEARS, termEndsOn, UNIT_KIND_LABEL, type OrgUnitKind } from '../../shared/org';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { FormActions } from '../common/FormActions';

export type UnitFormMode = { mode: 'add'; kind: OrgUnitKind; parentId: number } | { mode: 'edit'; unit: OrgUnit };

/** Add or edit one unit; the parent list offers only the places the rules allow. */
export function UnitFormModal({
  form,
  units,
  onClose,
  onSaved,
}: {
  form: UnitFormMode;
  units: OrgUnit[];
  onClose: () => void;
  onSaved: (unit: OrgUnit) => void;
}) {
  const kind = form.mode === 'add' ? form.kind : form.unit.kind;
  const editing = form.mode === 'edit' ? form.unit : null;
  const [parentId, setParentId] = useState<number | null>(form.mode === 'add' ? form.parentId : form.unit.parentId);
  const [name, setName] = useState(editing?.name ?? '');
  const [foundedOn, setFoundedOn] = useState<string | null>(editing?.foundedOn ?? null);
  const [termStartedOn, setTermStartedOn] = useState<string | null>(editing?.termStartedOn ?? null);
  const [termYears, setTermYears] = useState<number | null>(editing ? editing.termYears : DEFAULT_TERM_YEARS[kind]);
  const [note, setNote] = useState(editing?.note ?? '');

  const parents = units.filter((u) => !u.dissolvedOn && canContain(u.kind, kind) && u.id !== editing?.id);
  const hasTerm = DEFAULT_TERM_YEARS[kind] !== null;
  const title = editing ? `修改${UNIT_KIND_LABEL[kind]}：${editing.name}` : `新增${UNIT_KIND_LABEL[kind]}`;
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    const fields = { name, foundedOn, termStartedOn, termYears: hasTerm ? termYears : null, note };
    const saved = editing
      ? await change('org.updateUnit', { id: editing.id, parentId, ...fields })
      : await change('org.addUnit', { kind, parentId: parentId ?? 0, ...fields });
    notifySaved(`${UNIT_KIND_LABEL[kind]}“${saved.name}”已保存。`);
    onSaved(saved);
  });

  const endsOn = hasTerm && termStartedOn && termYears ? termEndsOn(termStartedOn, termYears) : null;

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} onChange={edited}>
        <Stack>
          {parentId !== null && (
            <Select
              label="上级组织"
              withAsterisk
              data={parents.map((p) => ({ value: String(p.id), label: `${p.name}（${UNIT_KIND_LABEL[p.kind]}）` }))}
              value={parentId === null ? null : String(parentId)}
              onChange={(v) => setParentId(v ? Number(v) : null)}
              allowDeselect={false}
              error={fieldError('parentId')}
            />
          )}
          <TextInput
            label="名称"
            withAsterisk
            data-autofocus
            placeholder={
              kind === 'partyGroup' ? '如：第一党小组' : kind === 'branch' ? '如：办公室党支部' : '如：机关第一党总支'
            }
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
          />
          <SimpleGrid cols={hasTerm ? 3 : 1}>
            <DateField
              label="成立日期"
              value={foundedOn}
              onChange={setFoundedOn}
              maxDate={localToday()}
              error={fieldError('foundedOn')}
            />
            {hasTerm && (
              <>
                <DateField
                  label="本届任期开始"
                  value={termStartedOn}
                  onChange={setTermStartedOn}
                  maxDate={localToday()}
                  error={fieldError('termStartedOn')}
                />
                <NumberInput
                  label="任期（年）"
                  min={1}
                  max={10}
                  value={termYears ?? ''}
                  onChange={(v) => setTermYears(typeof v === 'number' ? v : null)}
                  error={fieldError('termYears')}
                  description={endsOn ? `届满：${formatChineseDate(endsOn)}` : '党支部、党总支一般3年'}
                />
              </>
            )}
          </SimpleGrid>
          <Textarea
            label="备注"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldError('note')}
          />
          <FormError
            error={error}
            inlineFields={['parentId', 'name', 'foundedOn', 'termStartedOn', 'termYears', 'note']}
          />
          <FormActions onCancel={onClose} busy={busy} label="保存" />
        </Stack>
      </form>
    </Modal>
  );
}
