import type { Channel, Input, Output } from '../../src/shared/contract';

type Api = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

/** 设置密码 as the screen does it: a recovery code shown first, then confirmed with the password. */
export async function setPasswordAsClerk(api: Api, password: string): Promise<{ recoveryCode: string }> {
  const { recoveryCode } = await api('custody.newRecoveryCode', {});
  await api('custody.setPassword', { password, recoveryCode });
  return { recoveryCode };
}
