import type { Via } from './contract';

/** Which door a change came through, as the audit log and the status line say it. */
export const VIA_LABEL: Record<Via, string> = { desktop: '桌面程序', web: '浏览器模式', cli: '命令行', test: '测试' };
