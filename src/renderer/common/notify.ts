import { notifications } from '@mantine/notifications';
import { AppError } from '../../shared/errors';

export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', title: '已保存', message, autoClose: 2500 });
}

export function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return '操作未能完成，数据没有改动。';
}

export function notifyFailed(error: unknown): void {
  notifications.show({ color: 'red', title: '未能完成', message: messageOf(error), autoClose: 8000 });
}
