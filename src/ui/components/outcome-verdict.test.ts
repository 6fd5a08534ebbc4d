import type { Millis } from '../../mqtt/types';
import { describe, expect, it } from 'vitest';
import { api, type Outcome, type Trace } from '../../worker/api';
import { en } from '../../i18n/en';
import { zh } from '../../i18n/zh';
import { rowsOf, verdictOf } from './outcome-verdict';

function run(input: unknown): { outcome: Outcome; trace: Trace } {
  const r = api.run(input);
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('the Outcome verdict', () => {
  it('says held for a lossy QoS 1 run that delivered everything', () => {
    const { outcome, trace } = run({ messages: 10, link: { loss: 0.1 }, seed: 3 });
    expect(outcome.guaranteeHeld).toBe(true);
    expect(verdictOf(en.outcome, outcome, trace)).toEqual({ cls: 'ok', text: 'The guarantee held.' });
  });

  it('says nothing was promised when QoS 1 goes in and QoS 0 goes out', () => {
    const { outcome, trace } = run({ publishers: [{ qos: 1 }], subscribers: [{ qos: 0 }] });
    expect(outcome.pairs.every((p) => p.promise === 'none')).toBe(true);
    const v = verdictOf(en.outcome, outcome, trace);
    expect(v.cls).toBe('unjudged');
    expect(v.text).toMatch(/^Nothing was promised/);
  });

  it('says not judged, and why, for a run that did not settle', () => {
    const { outcome, trace } = run({});
    const unsettled: Outcome = { ...outcome, settled: false, guaranteeHeld: null };
    const note = { index: trace.events.length, tMs: 0 as Millis, kind: 'note' as const, key: 'run.unsettled',
      params: { steps: 200000, published: 7, total: 10, breaks: 42, lossPercent: 30, maxInflight: 20 } };
    const withNote: Trace = { ...trace, events: [...trace.events, note] };
    expect(verdictOf(en.outcome, unsettled, withNote).text).toBe('Not judged: the run did not finish: it stopped after 200,000 steps; '
      + '7 of 10 messages published; the connections broke 42 times at 30 % loss with max in flight 20. No guarantee is claimed.');
    expect(verdictOf(zh.outcome, unsettled, withNote).text).toContain('200,000');
    expect(verdictOf(en.outcome, unsettled, trace).text).toMatch(/^Not judged: the run did not finish/);
  });

  it('says not judged when nothing was published', () => {
    const { outcome, trace } = run({});
    const empty: Outcome = { ...outcome, guaranteeHeld: null, pairs: [], published: 0, delivered: 0, messages: 0 };
    expect(verdictOf(en.outcome, empty, trace).text).toBe('Not judged: nothing was published.');
  });

  it('shows the rows that went wrong first when there are too many', () => {
    const { outcome } = run({ messages: 80, link: { loss: 0.2 }, seed: 5, subscribers: [{ qos: 0 }], publishers: [{ qos: 0 }] });
    const rows = rowsOf(outcome.pairs);
    expect(rows.length).toBe(Math.min(50, outcome.pairs.length));
    const lost = outcome.pairs.filter((p) => p.deliveries === 0).length;
    expect(rows.filter((p) => p.deliveries === 0).length).toBe(Math.min(50, lost));
  });
});
