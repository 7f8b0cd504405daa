import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { FileOutput } from '../../shared/files';
import { LOG_FOLDER, LOG_NAME } from './diagnostic-log';
import { dataFileFacts, fontFacts, versionFacts } from './facts';

const LOG_FILE = new RegExp(`^${LOG_NAME}(\\.\\d+)?\\.log$`);

/**
 * 导出诊断信息: the diagnostic log (already redacted as it was written) and what the program knows
 * about itself and this PC, as one zip the office can hand to whoever supports them. No data: the
 * database, backups and keys are never read here.
 */
export async function diagnosticsZip(
  dataDir: string,
  dataFile: string,
  extra: Record<string, string | number | boolean | null>,
  today: string,
): Promise<FileOutput> {
  const zip = new JSZip();
  const folder = path.join(dataDir, LOG_FOLDER);
  const logs = fs.existsSync(folder) ? fs.readdirSync(folder).filter((name) => LOG_FILE.test(name)) : [];
  for (const name of logs.sort()) zip.file(`logs/${name}`, fs.readFileSync(path.join(folder, name)));
  const about = {
    exportedAt: new Date().toISOString(),
    ...versionFacts(),
    ...dataFileFacts(dataFile),
    ...extra,
    ...fontFacts(),
    logFiles: logs.length,
  };
  zip.file('about.json', `${JSON.stringify(about, null, 2)}\n`);
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return {
    fileName: `诊断信息-${today}.zip`,
    mimeType: 'application/zip',
    base64: Buffer.from(bytes).toString('base64'),
  };
}
