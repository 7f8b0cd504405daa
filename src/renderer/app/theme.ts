import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A restrained party red for accents only; the working surface stays neutral. */
const partyRed: MantineColorsTuple = [
  '#fdeeee',
  '#f7dada',
  '#efb1b1',
  '#e78686',
  '#e06262',
  '#dc4b4b',
  '#da3f3f',
  '#c13131',
  '#ad2a2a',
  '#971f22',
];

const CJK_SANS =
  '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

export const theme = createTheme({
  primaryColor: 'partyRed',
  primaryShade: 7,
  colors: { partyRed },
  fontFamily: CJK_SANS,
  headings: { fontFamily: CJK_SANS, fontWeight: '600' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
});
