/** Remembered choices (language, presentation mode, open settings, a hidden verdict) in localStorage. */
import { useLab } from '../store/lab-store';
import { detectLang, type Lang } from '../i18n';

const KEY = 'mqtt-qos-lab.prefs';

interface Stored { lang?: Lang; presentation?: boolean; showAdvanced?: boolean; setupCollapsed?: boolean; hideVerdict?: boolean }

function read(): Stored {
  try {
    const data = JSON.parse(localStorage.getItem(KEY) ?? '{}') as unknown;
    return data && typeof data === 'object' ? (data as Stored) : {};
  } catch {
    return {};
  }
}

export function startPrefs(): void {
  const stored = read();
  const lang: Lang = stored.lang === 'en' || stored.lang === 'zh' ? stored.lang : detectLang(navigator.languages ?? [navigator.language]);
  useLab.setState((s) => ({
    view: { ...s.view, lang, presentation: stored.presentation === true },
    prefs: { ...s.prefs, showAdvanced: stored.showAdvanced === true, setupCollapsed: stored.setupCollapsed === true, hideVerdict: stored.hideVerdict === true },
  }));
  useLab.subscribe((s, prev) => {
    if (s.view.lang === prev.view.lang && s.view.presentation === prev.view.presentation && s.prefs.showAdvanced === prev.prefs.showAdvanced && s.prefs.setupCollapsed === prev.prefs.setupCollapsed && s.prefs.hideVerdict === prev.prefs.hideVerdict) return;
    const next: Stored = { lang: s.view.lang, presentation: s.view.presentation, showAdvanced: s.prefs.showAdvanced, setupCollapsed: s.prefs.setupCollapsed, hideVerdict: s.prefs.hideVerdict };
    try { localStorage.setItem(KEY, JSON.stringify(next)); } catch { /* private mode: not remembered */ }
  });
}
