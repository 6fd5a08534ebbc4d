/** The language switch: `useT()` gives the current language's messages. */
import { useLab } from '../store/lab-store';
import { en, type Messages } from './en';
import { zh } from './zh';
import type { Lang } from './types';

export const MESSAGES: Record<Lang, Messages> = { en, zh };

export function useT(): Messages {
  return MESSAGES[useLab((s) => s.view.lang)];
}

export function useLang(): Lang {
  return useLab((s) => s.view.lang);
}

/** The browser's preferred language, when it is one we speak. */
export function detectLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    if (/^zh\b/i.test(l)) return 'zh';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

export type { Lang, Messages };
