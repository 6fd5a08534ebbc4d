/** The page's two languages. Accessible names stay English in both (DESIGN.md contract). */
export type Lang = 'en' | 'zh';

export const LANGS: readonly { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh', label: '简体中文' },
];

/** Params of a narration template: trace params with participant names already localised. */
import type { Params as NarrationParams } from '../../sim/trace';
export type { NarrationParams };
export type Template = (p: NarrationParams) => string;
