import type { IsoDate } from '../shared/dates';
import { schemaVersion, type Db } from './db/open';
import { listAudit } from './services/audit';
import { checkSetup, getOrgan, setUpOrgan, updateOrgan } from './services/organ';
import * as divisions from './services/divisions';
import * as units from './services/org-units';
import { shapeReminders, termReminders } from './services/reminders';
import { getSettings, recordCustodyAction, updateSettings } from './services/settings';
import { AppError } from '../shared/errors';
import { backupIfDue, createBackup, listBackups, restoreBackup } from './custody/backups';
import { recoverDamaged } from './custody/damage';
import * as custody from './custody/password';
import { exportData, exportTarget, importData, previewImport, verifyTransfer } from './custody/transfer';
import { decodeFile, xlsxFile } from './files';
import { verifyAuditChain } from './services/audit-chain';
import { auditRewinds } from './custody/replacement';
import { exportAudit } from './services/audit-export';
import { recordEvent, recordReceipt } from './roster/events';
import { addDecision, voidDecision, votersOn } from './roster/decisions';
import { AnalysisMemo } from './excel/analysis-memo';
import { analyseImport, type ImportChoices } from './roster/excel/analyse';
import { commitImport } from './roster/excel/commit';
import { exportRoster, importTemplate, problemsWorkbook } from './roster/excel/export';
import { addMember, memberDetail, updateMember, voidMember } from './roster/members';
import { memberReminders } from './roster/reminders';
import { searchRoster } from './roster/search';
import { createDocumentRegistry } from './documents/catalog';
import { sharedChromiumPrinter } from './documents/chromium-printer';
import { DocumentService } from './documents/service';
import { APP_VERSION } from './version';
import { diagnosticsZip } from './log/export';
import { discardDraft, getDraft, putDraft } from './services/drafts';
import { statsHandlers } from './stats/handlers';
import { duesHandlers } from './dues/handlers';
import { duesReminders } from './dues/member';
import { dutiesHandlers } from './duties/handlers';
import { dutiesReminders } from './duties/reminders';
import { meetingsHandlers } from './meetings/handlers';
import { meetingsReminders } from './meetings/reminders';
import type { Task } from './tasks';
import type { HandlerOptions, Handlers } from './handler-types';
import type { Workspace } from './workspace';

export type { HandlerOptions, Handlers } from './handler-types';

/** One handler per channel; each receives input the contract has already validated. */
export function createHandlers(ws: Workspace, options: HandlerOptions = {}): Handlers {
  const db = () => ws.database();
  const importAnalysis = new AnalysisMemo(
    (db: Db, fileName: string, bytes: Uint8Array, c: ImportChoices & { today: IsoDate }, task: Task) =>
      analyseImport(db, fileName, bytes, c, c.today, task),
  );
  const importChoices = (input: ImportChoices) => ({
    mapping: input.mapping,
    unitMapping: input.unitMapping,
    sheets: input.sheets,
    today: ws.today(),
  });
  const unitList = () => units.listUnits(db(), ws.today(), getSettings(db()).termWarningDays);
  const documents = new DocumentService({
    registry: createDocumentRegistry(),
    printer: options.printer ?? sharedChromiumPrinter(),
    database: db,
    organ: () => (ws.isSetUp() ? getOrgan(db()) : null),
    today: () => ws.today(),
  });
  const unitById = (id: number) => {
    const found = unitList().find((u) => u.id === id);
    if (!found) throw new Error(`unit ${id} vanished`);
    return found;
  };

  return {
    'app.status': () => {
      const base = { dataFile: ws.dataFile, appVersion: APP_VERSION, via: ws.via };
      if (!ws.isSetUp()) return { state: 'needsSetup', ...base };
      if (ws.isLocked()) {
        const keys = !ws.keysMissing() ? 'present' : custody.hasKeysCopy(ws) ? 'restorable' : 'missing';
        return { state: 'locked', ...base, retryAfterSeconds: custody.secondsToWait(ws), keys };
      }
      backupIfDue(ws);
      return {
        state: 'ready',
        ...base,
        schemaVersion: schemaVersion(db()),
        organ: getOrgan(db()),
        today: ws.today(),
        encrypted: ws.isEncrypted(),
        idleLockMinutes: getSettings(db()).idleLockMinutes,
      };
    },
    'task.cancel': (input) => ({ cancelled: options.tasks?.cancel(input.task) ?? false }),
    'diagnostics.export': () =>
      diagnosticsZip(
        ws.dataDir,
        ws.dataFile,
        {
          via: ws.via,
          setUp: ws.isSetUp(),
          encrypted: ws.isEncrypted(),
          locked: ws.isLocked(),
        },
        ws.today(),
      ),
    'organ.setup': (input) => {
      checkSetup(input);
      ws.assertFresh(); // before a keyring is written: never over an existing organ's
      // Encryption asked for with an empty password is refused, never a quiet unencrypted file.
      if (input.password === '') {
        throw new AppError({
          code: 'INVALID_INPUT',
          message: '请填写密码，或关闭加密',
          detail: 'encryption asked for without a password',
          field: 'password',
        });
      }
      const encryption = input.password !== null ? custody.prepareEncryptedSetup(ws, input.password) : null;
      try {
        const organ = ws.createDatabase((created) => setUpOrgan(created, input, ws.today()));
        return { ...organ, recoveryCode: encryption?.recoveryCode ?? null };
      } catch (error) {
        encryption?.undo();
        throw error;
      }
    },
    'organ.update': (input) => updateOrgan(db(), input.organName, input.committeeName, input.superiorName),
    'org.units': () => unitList(),
    'org.addUnit': (input) => {
      const id = units.addUnit(db(), input.kind, input.parentId, input, ws.today());
      return unitById(id);
    },
    'org.updateUnit': (input) => {
      units.updateUnit(db(), input.id, input.parentId, input, ws.today());
      return unitById(input.id);
    },
    'org.dissolveUnit': (input) => {
      ws.withReason(input.reason, () =>
        db().transaction(() => units.dissolveUnit(db(), input.id, input.dissolvedOn, ws.today()))(),
      );
      return unitById(input.id);
    },
    'org.divisions': () => divisions.listDivisions(db()),
    'org.addDivision': (input) => {
      divisions.addDivision(db(), input.name);
      return divisions.listDivisions(db());
    },
    'org.renameDivision': (input) => {
      divisions.renameDivision(db(), input.id, input.name);
      return divisions.listDivisions(db());
    },
    'org.dissolveDivision': (input) => {
      divisions.dissolveDivision(db(), input.id, ws.today());
      return divisions.listDivisions(db());
    },
    'org.addPost': (input) => units.addPost(db(), input, ws.today()),
    'org.endPost': (input) => units.endPost(db(), input.id, input.endedOn, ws.today()),
    'org.removePost': (input) => {
      ws.withReason(input.reason, () => units.removePost(db(), input.id));
      return { removed: true };
    },
    'settings.get': () => getSettings(db()),
    'settings.update': (input) => updateSettings(db(), input),
    'reminders.list': () => {
      const organisation = unitList();
      return [
        ...termReminders(organisation),
        ...shapeReminders(organisation, ws.today()),
        ...memberReminders(db(), ws.today()),
        ...duesReminders(db(), ws.today()),
        ...dutiesReminders(db(), ws.today()),
        ...meetingsReminders(db(), ws.today()),
      ].sort(
        (a, b) => Number(b.severity === 'overdue') - Number(a.severity === 'overdue') || a.dueOn.localeCompare(b.dueOn),
      );
    },
    'audit.list': (input) => listAudit(db(), input),
    'audit.verify': () => ({ ...verifyAuditChain(db()), rewinds: auditRewinds(db()) }),
    'audit.export': async (input) => xlsxFile(`操作记录-${ws.today()}.xlsx`, await exportAudit(db(), input)),

    'custody.unlock': (input) => {
      const { keysRestored } = custody.unlock(ws, input.password);
      if (keysRestored) recordCustodyAction(db(), 'keysRestored', '密钥文件缺失，已用备份文件夹中的副本恢复');
      return { unlocked: true, keysRestored };
    },
    'custody.recover': (input) => {
      const result = custody.recover(ws, input.recoveryCode, input.newPassword);
      recordCustodyAction(db(), 'recoveryReset', '已用恢复码打开并设置新密码，旧恢复码作废，已给出新恢复码');
      return result;
    },
    'custody.lock': () => {
      ws.lock();
      return { locked: true };
    },
    'custody.newRecoveryCode': () => custody.showNewRecoveryCode(ws),
    'custody.setPassword': (input) => {
      custody.checkSetPassword(ws, input.password, input.recoveryCode);
      createBackup(ws, 'beforeEncryption');
      custody.setPassword(ws, input.password, input.recoveryCode);
      recordCustodyAction(db(), 'passwordSet', '已设置密码，数据已加密');
      return { encrypted: true };
    },
    'custody.replaceRecoveryCode': (input) => {
      custody.replaceRecoveryCode(ws, input.recoveryCode);
      recordCustodyAction(db(), 'recoveryCodeReplaced', '已更换恢复码，旧恢复码作废');
      return { replaced: true };
    },
    'custody.changePassword': (input) => {
      custody.changePassword(ws, input.current, input.next);
      // Changed from the lock screen there is no open file to record it in.
      if (!ws.isLocked()) recordCustodyAction(db(), 'passwordChanged', '已修改密码');
      return { changed: true };
    },
    'backup.list': () => listBackups(ws),
    'backup.create': () => {
      const backup = createBackup(ws, 'manual');
      recordCustodyAction(db(), 'manualBackup', backup.id);
      return backup;
    },
    'backup.restore': (input) => restoreBackup(ws, input.id),
    'backup.recoverDamaged': () => recoverDamaged(ws),
    'backup.export': (input) => {
      const result = exportData(ws, input.passphrase, exportTarget(input.target, ws));
      recordCustodyAction(db(), 'usbExport', result.file);
      return result;
    },
    'backup.previewImport': (input) => previewImport(ws, input.source, input.passphrase),
    'backup.verify': (input) => verifyTransfer(input.source, input.passphrase),
    'backup.import': (input) => importData(ws, input.source, input.passphrase, input),

    'roster.search': (input) => searchRoster(db(), input, ws.today()),
    'roster.get': (input) => memberDetail(db(), input.id, ws.today()),
    'roster.add': (input) => memberDetail(db(), addMember(db(), input.fields, input.arrival, ws.today()), ws.today()),
    'roster.update': (input) => {
      updateMember(db(), input.id, input.fields, ws.today());
      return memberDetail(db(), input.id, ws.today());
    },
    'roster.recordEvent': (input) => {
      recordEvent(db(), input.memberId, input.event, ws.today());
      return memberDetail(db(), input.memberId, ws.today());
    },
    'roster.recordReceipt': (input) =>
      memberDetail(db(), recordReceipt(db(), input.eventId, input.receivedOn, ws.today()), ws.today()),
    'roster.void': (input) => {
      ws.withReason(input.reason, () => voidMember(db(), input.id, ws.today()));
      return memberDetail(db(), input.id, ws.today());
    },
    'roster.addDecision': (input) => {
      addDecision(db(), input, ws.today());
      return memberDetail(db(), input.memberId, ws.today());
    },
    'roster.voidDecision': (input) =>
      memberDetail(
        db(),
        ws.withReason(input.reason, () => voidDecision(db(), input.id, ws.today())),
        ws.today(),
      ),
    'roster.rights': (input) => votersOn(db(), input.date, input.branchId),
    'roster.importPreview': async (input, task) =>
      (await importAnalysis.analyse(db(), input.file.fileName, decodeFile(input.file), importChoices(input), task))
        .preview,
    'roster.importCommit': async (input, task) => {
      const file = decodeFile(input.file);
      const analysis = await importAnalysis.analyse(db(), input.file.fileName, file, importChoices(input), task);
      const result = await commitImport(db(), analysis, input, ws.today(), task);
      importAnalysis.forget();
      return result;
    },
    'roster.importProblems': async (input) => {
      const file = decodeFile(input.file);
      const { errors } = await importAnalysis.analyse(db(), input.file.fileName, file, importChoices(input));
      const base = input.file.fileName.replace(/\.(xlsx|xlsm|xlsb|xls|et)$/i, '');
      return xlsxFile(`${base}-导入问题.xlsx`, await problemsWorkbook(input.file.fileName, errors));
    },
    'roster.export': async (input) => {
      const { buffer } = await exportRoster(db(), input.query, ws.today());
      return xlsxFile(`党员名册-${ws.today()}.xlsx`, buffer);
    },
    'roster.template': async () => xlsxFile('党员名册导入模板.xlsx', await importTemplate()),

    'documents.list': () => documents.list(),
    'documents.preview': (input, task) => documents.preview(input.id, input.params, task),
    'documents.export': (input, task) => documents.export(input.id, input.params, input.format, task),

    // 党费: src/core/dues/handlers.ts
    ...duesHandlers(ws),

    // 一岗双责: src/core/duties/handlers.ts
    ...dutiesHandlers(ws),

    // 民主生活会、组织生活会: src/core/meetings/handlers.ts
    ...meetingsHandlers(ws),

    // 工作台统计: src/core/stats/handlers.ts
    ...statsHandlers(ws),

    // 草稿 (src/core/services/drafts.ts)
    'drafts.get': (input) => ({ draft: getDraft(db(), input.key) }),
    'drafts.put': (input) => putDraft(db(), input),
    'drafts.discard': (input) => {
      discardDraft(db(), input.key);
      return { discarded: true };
    },
  };
}
