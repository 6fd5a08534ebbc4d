/**
 * The versions view's words and marks in Node: every difference of the presets reads as a
 * sentence in English and Chinese, the marks land on the events the differences point at, and
 * a marked diagram is the same diagram with tinted boxes (hostile text still escaped).
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../i18n';
import { PRESETS, findPreset } from '../../../sim/scenarios/presets';
import { parseScenario } from '../../../sim/scenario';
import { compareVersions } from '../../../sim/version-compare';
import { MARK_FILL, toMermaid, toMermaidWithMap } from '../../../diagram/to-mermaid';
import { differenceText, marksOf, packetText } from './version-words';

const comparisons = PRESETS.filter((p) => p.group === 'v5' || ['subscription-refused', 'qos2-drop-pubcomp-out', 'clean-session-loses'].includes(p.id))
  .map((p) => [p.id, compareVersions(p.scenario)] as const);

describe('differenceText', () => {
  it('every difference of the presets is a sentence in both languages, with no hole in it', () => {
    for (const [id, c] of comparisons) {
      for (const d of c.differences) {
        for (const lang of ['en', 'zh'] as const) {
          const text = differenceText(MESSAGES[lang], d);
          expect(text.length, `${id} ${d.key} ${lang}`).toBeGreaterThan(20);
          expect(text, `${id} ${d.key} ${lang}`).not.toMatch(/undefined|NaN|\[object/);
        }
      }
    }
  });

  it('names participants, reasons and verdicts in the reader’s words', () => {
    const c = compareVersions(findPreset('v5-session-expiry')!.scenario);
    const lost = c.differences.find((d) => d.key === 'lostIn5')!;
    expect(differenceText(MESSAGES.en, lost)).toContain(MESSAGES.en.outcome.lostReason.sessionExpired);
    expect(differenceText(MESSAGES.zh, lost)).toContain('订阅者');
    expect(differenceText(MESSAGES.zh, lost)).toContain(MESSAGES.zh.outcome.lostReason.sessionExpired);
    const verdict = c.differences.find((d) => d.key === 'verdict')!;
    expect(differenceText(MESSAGES.en, verdict)).toBe('The verdict: guarantee held in 3.1.1, guarantee broken in 5.0.');
  });

  it('lists a packet only one run sent by its label and its hop', () => {
    const c = compareVersions(findPreset('v5-pubrec-failure')!.scenario);
    const only = c.differences.filter((d) => d.key === 'onlyIn311').flatMap((d) => d.v311);
    const texts = only.map((i) => packetText(MESSAGES.en, c.v311.trace, i));
    expect(texts).toContain('PUBREL id=1 · publisher → broker');
  });
});

describe('marks in the diagrams', () => {
  it('mark each event a difference points at with its number, on its own side', () => {
    const c = compareVersions(findPreset('v5-pubrec-failure')!.scenario);
    const marks = marksOf(c);
    c.differences.forEach((d, k) => {
      for (const i of d.v311) expect(marks.v311.get(i)).toBe(`Δ${k + 1}`);
      for (const i of d.v5) expect(marks.v5.get(i)).toBe(`Δ${k + 1}`);
    });
  });

  it('a marked arrow sits in a tinted box of its own, led by its mark; unmarked, the text is unchanged', () => {
    const c = compareVersions(findPreset('v5-puback-no-subscribers')!.scenario);
    const marks = marksOf(c);
    const plain = toMermaid(c.v5.trace);
    expect(toMermaid(c.v5.trace, { marks: new Map() })).toBe(plain);
    const marked = toMermaid(c.v5.trace, { marks: marks.v5 });
    const lines = marked.split('\n');
    const at = lines.findIndex((l) => l.includes('Δ1 PUBACK'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1].trim()).toBe(MARK_FILL);
    expect(lines[at + 1].trim()).toBe('end');
    // The same items, in the same order: the page's map from events to SVG elements still holds.
    expect(toMermaidWithMap(c.v5.trace, { marks: marks.v5 }).items).toEqual(toMermaidWithMap(c.v5.trace).items);
  });

  it('hostile topic and payload text stays text in a marked diagram', () => {
    const parsed = parseScenario({ mqttVersion: '5', topic: 'a<b>;%%{init}&x', payload: '<img src=x onerror=alert(1)>"`;', subscribers: [] });
    if (!parsed.ok) throw new Error(parsed.error);
    const c = compareVersions(parsed.value);
    const text = toMermaid(c.v5.trace, { marks: marksOf(c).v5 });
    expect(text).toContain('Δ1');
    expect(text).not.toMatch(/<img|%%\{|onerror=alert\(1\)>/);
  });
});
