import { pinyin } from 'pinyin-pro';

/**
 * Search and sort keys for a Chinese name: initials ("zs" finds 张三) and the full syllables
 * ("zhangsan"), read with surname pronunciations (单 as shan, 曾 as zeng).
 */
export function nameKeys(name: string): { initials: string; full: string } {
  const options = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' } as const;
  const syllables = pinyin(name, options).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return {
    initials: syllables.map((s) => s.charAt(0)).join(''),
    full: syllables.join(''),
  };
}
