/**
 * The catalog: every word the lab shows or writes, in each language, by key. The page (through
 * ui/i18n's `useT`), the diagram writer, the CLI and the tests all read it here; the layers
 * below (mqtt/, sim/) carry keys and params, never prose.
 */
import { en, type Messages } from './en';
import type { Lang } from './lang';
import { zh } from './zh';

export const MESSAGES: Record<Lang, Messages> = { en, zh };

export type { Messages };
