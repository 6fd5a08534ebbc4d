/** The simulator's own notes in the diagram: an unfinished run and a client backing off. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/lab';
import { scenarioSchema } from '../sim/scenario';
import { toMermaid, toMermaidWithMap } from './to-mermaid';

const storm = runScenario(scenarioSchema.parse({ publishers: [{ qos: 2, maxInflight: 20 }], subscribers: [{ qos: 2, maxInflight: 20 }],
  messages: 200, intervalMs: 10, link: { loss: 0.4 }, seed: 2 }), { maxSteps: 2000 });

/** What Mermaid would read as syntax inside a label: a statement end, a comment, an entity we did not write, a tag. */
const UNSAFE = /;(?<!#\d+;|#[a-z]+;)|%%|#(?!\d+;|[a-z]+;)|<(?!br>)/;

describe('simulator notes in the diagram', () => {
  it('an unfinished run ends with a note over every participant, in the diagram\'s language', () => {
    expect(storm.settled).toBe(false);
    const unsettled = storm.trace.events.find((e) => e.key === 'run.unsettled')!;
    const { text, itemOfEvent } = toMermaidWithMap(storm.trace);
    const lines = text.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe(`  Note over publisher,subscriber: unfinished: stopped after 2000 steps, ${unsettled.params.published}/200 published, `
      + `${unsettled.params.breaks} breaks at 40 #37; loss, window 20`);
    expect(itemOfEvent[unsettled.index]).toBeGreaterThanOrEqual(0);
    expect(toMermaid(storm.trace, { lang: 'zh' })).toMatch(/Note over publisher,subscriber: 未完成：2000 步后停止/);
  });

  it('a client backing off gets a short note of its own', () => {
    const text = toMermaid(storm.trace, { compact: true });
    expect(text).toMatch(/Note over (publisher|subscriber): ⏳ (Publisher|Subscriber) backs off: retry in \d+(\.\d)? s \(\d+ failed\)/);
    expect(toMermaid(storm.trace, { lang: 'zh', compact: true })).toMatch(/⏳ (发布者|订阅者)退避：\d+(\.\d)? 秒后重试（连续失败 \d+ 次）/);
  });

  it('the notes stay plain Mermaid text', () => {
    for (const options of [{ lang: 'en', wrapAt: 30 }, { lang: 'zh' }] as const) {
      for (const line of toMermaid(storm.trace, options).split('\n').filter((l) => l.includes('Note over'))) {
        expect(line.slice(line.indexOf(':') + 1), line).not.toMatch(UNSAFE);
      }
    }
  });
});
