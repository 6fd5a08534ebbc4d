/**
 * The catalog is whole: English and Chinese have the same keys at every depth (a template is a
 * key, an array keeps its length), no text is empty, and every built-in scenario has a title
 * and a text in both languages.
 */
import { describe, expect, it } from 'vitest';
import { DECISION_KEYS } from '../mqtt/decisions';
import { runScenario } from '../sim/lab';
import { PRESETS } from '../sim/scenarios/presets';
import { MESSAGES } from './catalog';
import { en } from './en';
import { detectLang, LANGS } from './lang';
import { narrate } from './narrate';
import { presetWords } from './preset-words';
import { zh } from './zh';

/** Every path in a catalog: `.setup.qosOption[3]`, `.setup.qosOption[0]`, `.narrate.CONNECT()`. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()`];
  if (Array.isArray(value)) return [`${path}[${value.length}]`, ...value.flatMap((v, i) => shape(v, `${path}[${i}]`))];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
  return [path];
}

/** Every string in a catalog, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

const HAN = /[\u4e00-\u9fff]/;

describe('the catalog', () => {
  it('has a catalog for every language the switch offers', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(LANGS.map((l) => l.id).sort());
  });

  it('English and Chinese have the same keys, templates and array lengths at every depth', () => {
    expect(shape(zh).sort()).toEqual(shape(en).sort());
  });

  it('has no empty string in any language', () => {
    for (const [lang, t] of Object.entries(MESSAGES)) {
      for (const [path, s] of strings(t)) expect(s.trim(), `${lang}${path}`).not.toBe('');
    }
  });

  it('every built-in scenario has a title and a text in both languages, and no words belong to no scenario', () => {
    const ids = PRESETS.map((p) => p.id);
    for (const [lang, t] of Object.entries(MESSAGES)) {
      expect(Object.keys(t.presets).sort(), lang).toEqual([...ids].sort());
      for (const id of ids) {
        const words = presetWords(t, id);
        expect(words?.title.trim(), `${lang} ${id} title`).toBeTruthy();
        expect(words?.text.trim(), `${lang} ${id} text`).toBeTruthy();
        if (lang === 'zh') expect(words!.text, id).toMatch(HAN);
      }
    }
    expect(presetWords(en, 'constructor')).toBeUndefined();
  });

  it('every engine decision has narration in both languages', () => {
    for (const key of DECISION_KEYS) {
      expect(en.decisions[key], key).toBeTypeOf('function');
      expect(zh.decisions[key], key).toBeTypeOf('function');
    }
  });

  it('the Chinese page text is Chinese', () => {
    for (const section of [zh.setup, zh.playback, zh.outcome, zh.state, zh.fields]) {
      for (const [path, s] of strings(section)) if (s.length > 12) expect(s, path).toMatch(HAN);
    }
  });

  it('chooses the browser language first', () => {
    expect(detectLang(['zh-CN', 'en'])).toBe('zh');
    expect(detectLang(['fr', 'en-GB'])).toBe('en');
    expect(detectLang([])).toBe('en');
  });

  it('narrates every event of every preset in both languages without gaps', () => {
    for (const preset of PRESETS) {
      const { trace } = runScenario(preset.scenario);
      for (const e of trace.events) {
        for (const t of [en, zh]) {
          const line = narrate(t, e);
          if (e.kind === 'decision' || e.kind === 'packetSent' || e.kind === 'appDeliver') expect(line, `${preset.id} ${e.key}`).toBeTruthy();
          expect(line ?? '', `${preset.id} ${e.key}`).not.toMatch(/undefined|NaN|\[object/);
        }
      }
    }
  });
});
