/** The page's two languages (one definition, in diagram/labels.ts, which the CLI shares). Accessible names stay English in both (DESIGN.md contract). */
import type { Lang } from '../../diagram/labels';
export type { Lang };

export const LANGS: readonly { id: Lang; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh', label: '简体中文' },
];

/** Params of a narration template: trace params with participant names already localised. */
import type { Params as NarrationParams } from '../../sim/trace';
export type { NarrationParams };
export type Template = (p: NarrationParams) => string;
