import type { Channel } from '../../shared/contract';
import { DUTY_LIBRARY } from '../../shared/duties/library';
import type { Handlers } from '../handler-types';
import type { Workspace } from '../workspace';
import { reportData } from './documents';
import { addEvidence, evidenceFile, removeEvidence } from './evidence';
import {
  addFromLibrary,
  addItem,
  copyLastYear,
  itemRow,
  itemViews,
  listItems,
  removeItem,
  updateItem,
  type ProgressContext,
} from './items';
import { addLeader, getLeader, listLeaders, removeLeader, updateLeader } from './leaders';
import { letterId, signLetter, unsignLetter } from './letters';
import { letterOf, listYears, overview, personView, unmetItems } from './progress';
import { addRecord, getRecord, listRecords, updateRecord, voidRecord } from './records';
import { reportView, savedReport, saveReport } from './report';
import { getDutySettings, writeDutySettings } from './settings';
import { listTalks } from './talks';
import { copyYear } from './years';

export type DutiesChannel = Extract<Channel, `duties.${string}`>;

/** The duties.* handlers: each a thin call into the 一岗双责 services, every change in one transaction. */
export function dutiesHandlers(ws: Workspace): Pick<Handlers, DutiesChannel> {
  const db = () => ws.database();
  const today = () => ws.today();
  const tx = <T>(work: () => T): T => db().transaction(work)();
  const progress = (): ProgressContext => ({ asOf: today(), settings: getDutySettings(db()) });
  const item = (id: number) => itemViews(db(), [itemRow(db(), id)], progress())[0]!;
  const report = (leaderId: number) => reportView(reportData(db(), leaderId, progress()), savedReport(db(), leaderId));

  return {
    'duties.settings': () => getDutySettings(db()),
    'duties.updateSettings': (input) => writeDutySettings(db(), input),
    'duties.years': () => listYears(db()),
    'duties.overview': (input) => overview(db(), input.year, progress()),
    'duties.team': (input) => listLeaders(db(), input.year),
    'duties.addLeader': (input) => {
      const { year, ...fields } = input;
      return getLeader(db(), addLeader(db(), year, fields));
    },
    'duties.updateLeader': (input) => {
      const { id, ...fields } = input;
      updateLeader(db(), id, fields);
      return getLeader(db(), id);
    },
    'duties.removeLeader': (input) => {
      ws.withReason(input.reason, () => removeLeader(db(), input.id));
      return { removed: true };
    },
    'duties.copyYear': (input) => copyYear(db(), input.from, input.to, input.lists),
    'duties.person': (input) => personView(db(), input.leaderId, progress()),
    'duties.library': () => ({ items: [...DUTY_LIBRARY] }),
    'duties.items': (input) => listItems(db(), input.year, input.leaderId, progress()),
    'duties.addItem': (input) => {
      const { year, leaderId, ...fields } = input;
      return item(addItem(db(), year, leaderId, fields));
    },
    'duties.updateItem': (input) => {
      const { id, ...fields } = input;
      updateItem(db(), id, fields);
      return item(id);
    },
    'duties.removeItem': (input) => {
      removeItem(db(), input.id);
      return { removed: true };
    },
    'duties.addFromLibrary': (input) => addFromLibrary(db(), input.year, input.leaderId, input.keys),
    'duties.copyList': (input) => {
      const { added, skipped } = copyLastYear(db(), input.year, input.leaderId);
      return { added, skipped };
    },
    'duties.records': (input) => listRecords(db(), input),
    'duties.addRecord': (input) => {
      const { leaderId, ...fields } = input;
      return getRecord(db(), addRecord(db(), leaderId, fields, today()));
    },
    'duties.updateRecord': (input) => {
      const { id, ...fields } = input;
      updateRecord(db(), id, fields, today());
      return getRecord(db(), id);
    },
    'duties.voidRecord': (input) => {
      ws.withReason(input.reason, () => voidRecord(db(), input.id, input.reason, today()));
      return getRecord(db(), input.id);
    },
    'duties.addEvidence': (input) =>
      addEvidence(
        db(),
        input.recordId !== undefined
          ? { recordId: input.recordId }
          : { letterId: letterId(db(), input.letterLeaderId!) },
        input.file,
        input.note,
      ),
    'duties.removeEvidence': (input) => {
      ws.withReason(input.reason, () => removeEvidence(db(), input.id));
      return { removed: true };
    },
    'duties.evidenceFile': (input) => {
      const { fileName, mimeType, base64 } = evidenceFile(db(), input.id);
      return { fileName, mimeType, base64 };
    },
    'duties.signLetter': (input) => {
      tx(() => signLetter(db(), input.leaderId, input.signedOn, input.issuerName, input.note, today()));
      return letterOf(db(), input.leaderId)!;
    },
    'duties.unsignLetter': (input) => {
      ws.withReason(input.reason, () => unsignLetter(db(), input.leaderId));
      return { removed: true };
    },
    'duties.report': (input) => report(input.leaderId),
    'duties.saveReport': (input) => {
      getLeader(db(), input.leaderId);
      saveReport(db(), input.leaderId, input.text);
      return report(input.leaderId);
    },
    'duties.talks': (input) => listTalks(db(), input),
    'duties.unmetItems': (input) => unmetItems(db(), input.year, input, progress()),
  };
}
