import { describe, expect, it } from 'vitest';
import { DECISION_KEYS } from '../../mqtt/decisions';
import { en } from './en';
import { zh } from './zh';
import { detectLang } from './index';
import { narrate } from './narrate';
import { api } from '../../worker/api';

function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()`];
  if (Array.isArray(value)) return [`${path}[${value.length}]`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
  return [path];
}

describe('i18n', () => {
  it('English and Chinese have the same keys, arrays and templates', () => {
    expect(shape(zh).sort()).toEqual(shape(en).sort());
  });
  it('every engine decision has narration in both languages', () => {
    for (const key of DECISION_KEYS) {
      expect(en.decisions[key], key).toBeTypeOf('function');
      expect(zh.decisions[key], key).toBeTypeOf('function');
    }
  });
  it('no Chinese string is left empty or in English', () => {
    const leaves = (v: unknown): string[] => typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [];
    for (const s of leaves(zh.setup).concat(leaves(zh.playback), leaves(zh.outcome), leaves(zh.state))) {
      expect(s.trim().length, s).toBeGreaterThan(0);
    }
  });
  it('chooses the browser language first', () => {
    expect(detectLang(['zh-CN', 'en'])).toBe('zh');
    expect(detectLang(['fr', 'en-GB'])).toBe('en');
    expect(detectLang([])).toBe('en');
  });
  it('narrates every event of every preset in both languages without gaps', () => {
    for (const preset of api.presets()) {
      const r = api.run(preset.scenario);
      if ('error' in r) throw new Error(r.error);
      for (const e of r.trace.events) {
        for (const t of [en, zh]) {
          const line = narrate(t, e);
          if (e.kind === 'decision' || e.kind === 'packetSent' || e.kind === 'appDeliver') expect(line, `${preset.id} ${e.key}`).toBeTruthy();
          expect(line ?? '', `${preset.id} ${e.key}`).not.toMatch(/undefined|NaN|\[object/);
        }
      }
    }
  });
});
