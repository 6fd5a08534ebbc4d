/**
 * The lab's two languages: the one definition of `Lang`, which the page, the diagram writer and
 * the CLI (`--lang`) share, and the choice of one from the browser's preferences.
 * Accessible names stay English in both (DESIGN.md contract, contract-name.ts).
 */
export type Lang = 'en' | 'zh';

/** The language switch's options, each named in its own language. */
export const LANGS: readonly { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh', label: '简体中文' },
];

/** The browser's preferred language, when it is one we speak. */
export function detectLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    if (/^zh\b/i.test(l)) return 'zh';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}
