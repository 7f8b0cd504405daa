import { z } from 'zod';
import { requiredText } from './validation';

/**
 * Files cross the contract as base64 inside JSON: one shape for every transport. The size cap
 * is the web transport's body limit (32 MB) less base64's third.
 */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const fileInput = z.strictObject({
  fileName: requiredText('文件名', 255),
  base64: z
    .string({ error: '文件内容应为 base64 文本' })
    .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, { error: `文件太大（超过 ${MAX_FILE_BYTES / 1024 / 1024} MB）` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: '文件内容不是有效的 base64 编码' }),
});
export type FileInput = z.output<typeof fileInput>;

/** A file the core made for the user to save: the renderer offers it as a download. */
export interface FileOutput {
  fileName: string;
  mimeType: string;
  base64: string;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
