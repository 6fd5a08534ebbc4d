/**
 * The page's side of the catalog (src/i18n): `useT()` gives the current language's messages,
 * `useLang()` the language, both read from the zustand store. Components import everything
 * about words from here; the words themselves live in src/i18n, which holds no React.
 */
import { useLab } from '../store/lab-store';
import { MESSAGES, type Lang, type Messages } from '../../i18n';

export { contractName, detectLang, LANGS, MESSAGES, narrate, narrateStep, presetWords } from '../../i18n';
export type { Lang, Messages } from '../../i18n';

export function useT(): Messages {
  return MESSAGES[useLab((s) => s.view.lang)];
}

export function useLang(): Lang {
  return useLab((s) => s.view.lang);
}
