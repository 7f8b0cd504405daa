import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { OrgUnit } from '../../shared/contract';
import { localToday } from '../../shared/dates';
import { UNIT_KIND_LABEL } from '../../shared/org';
import { change } from '../api/client';
import { DateField } from '../common/DateField';
import { FormError } from '../common/FormError';
import { notifySaved } from '../common/notify';
import { useSubmit } from '../common/use-submit';
import { FormActions } from '../common/FormActions';

/** Units are never deleted: they are dissolved on a date, with the reason kept in the log. */
export function DissolveModal({ unit, onClose }: { unit: OrgUnit; onClose: () => void }) {
  const [dissolvedOn, setDissolvedOn] = useState<string | null>(localToday());
  const [reason, setReason] = useState('');
  const { busy, error, submit, fieldError, edited } = useSubmit(async () => {
    await change('org.dissolveUnit', { id: unit.id, dissolvedOn: dissolvedOn ?? '', reason });
    notifySaved(`“${unit.name}”已撤销。`);
    onClose();
  });

  return (
    <Modal opened onClose={onClose} title={`撤销${UNIT_KIND_LABEL[unit.kind]}：${unit.name}`}>
      <form onSubmit={submit} onChange={edited}>
        <Stack>
          <Text size="sm" c="dimmed">
            撤销后该组织保留在历史中（可在列表中显示已撤销的组织），现任职务同日离任。
          </Text>
          <DateField
            label="撤销日期"
            withAsterisk
            value={dissolvedOn}
            onChange={setDissolvedOn}
            maxDate={localToday()}
            error={fieldError('dissolvedOn')}
          />
          <TextInput
            label="撤销原因"
            withAsterisk
            placeholder="如：机构改革，与办公室党支部合并"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError('reason')}
          />
          <FormError error={error} inlineFields={['dissolvedOn', 'reason']} />
          <FormActions onCancel={onClose} busy={busy} label="撤销" danger />
        </Stack>
      </form>
    </Modal>
  );
}
