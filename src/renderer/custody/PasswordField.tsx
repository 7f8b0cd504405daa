import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useState } from 'react';

/**
 * Mantine's PasswordInput, as every password and passphrase field in the app uses it: the eye
 * button is named in Chinese and says what it will do (显示密码 / 隐藏密码; 口令 for the USB
 * passphrase), and a field in error is marked aria-invalid (Mantine marks only its own inputs),
 * so useSubmit can bring it into view.
 */
export function PasswordField({ noun = '密码', ...props }: PasswordInputProps & { noun?: '密码' | '口令' }) {
  const [visible, setVisible] = useState(false);
  return (
    <PasswordInput
      {...props}
      visible={visible}
      onVisibilityChange={setVisible}
      visibilityToggleButtonProps={{ 'aria-label': `${visible ? '隐藏' : '显示'}${noun}` }}
      aria-invalid={props.error ? true : undefined}
    />
  );
}
