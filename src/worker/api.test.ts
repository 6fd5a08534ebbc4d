/**
 * The lab API the page uses, called directly (no worker): run a scenario, look at the state
 * tables at a step, drop the next packet as a learner would, reject a bad scenario.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from './api';
import { scenarioFromHash, scenarioToHash, defaultScenario } from './share';

const findIndex = (r: Awaited<ReturnType<typeof api.run>>, pred: (e: { kind: string; type?: string; packet?: { type: string } }) => boolean) =>
  'trace' in r ? r.trace.events.findIndex(pred) : -1;

describe('lab api', () => {
  beforeEach(() => {
    api.run({});
  });

  it('runs the default scenario (Pub1/Sub1) to idle and delivers once', () => {
    const r = api.run({});
    expect('error' in r).toBe(false);
    if ('error' in r) return;
    expect(r.settled).toBe(true);
    expect(r.outcome).toMatchObject({ published: 1, delivered: 1, duplicates: 0, lost: 0, guaranteeHeld: true });
  });

  it('rejects a bad scenario with one sentence and keeps the current run', () => {
    const good = api.run({ publishers: [{ qos: 2 }] });
    const bad = api.run({ publishers: [{ qos: 3 }] });
    expect(bad).toEqual({ error: expect.stringMatching(/^publishers\.0\.qos: /) });
    expect(api.snapshotAt(-1)).not.toBeNull();
    expect('trace' in good && api.dropRuleForNext(-1)).toMatchObject({ rule: 'CONNECT@publisher>broker' });
  });

  it('shows the broker holding the QoS 2 packet id until PUBREL arrives', () => {
    const r = api.run({ publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], qos2Method: 'B' });
    const pubrecSent = findIndex(r, (e) => e.kind === 'packetSent' && e.packet?.type === 'PUBREC');
    const pubrelDelivered = findIndex(r, (e) => e.kind === 'packetDelivered' && e.type === 'PUBREL');
    const brokerSession = (i: number) => api.snapshotAt(i)!.broker.sessions.find((s) => s.id === 'publisher')!;
    expect(brokerSession(pubrecSent).awaitingPubrel).toEqual([1]);
    expect(brokerSession(pubrelDelivered).awaitingPubrel).toEqual([]);
    expect(api.snapshotAt(pubrecSent)!.clients.find((c) => c.id === 'publisher')!.awaitingPubrec).toEqual([1]);
  });

  it('turns "drop the next packet" into a rule: dropping the PUBACK at QoS 1 gives a duplicate', () => {
    const r = api.run({});
    const beforePuback = findIndex(r, (e) => e.kind === 'packetSent' && e.packet?.type === 'PUBACK');
    // The next packet to arrive after the broker sends its PUBACK to the publisher is that PUBACK.
    const drop = api.dropRuleForNext(beforePuback);
    expect(drop).toMatchObject({ rule: 'PUBLISH@broker>subscriber' });
    const puback = api.run({ faults: [{ kind: 'drop', type: 'PUBACK', from: 'broker', to: 'publisher' }] });
    expect('outcome' in puback && puback.outcome).toMatchObject({ delivered: 1, duplicates: 1 });
  });

  it('compares QoS 0, 1 and 2 over the same lossy link', async () => {
    const progress: number[] = [];
    const rows = await api.compare({ messages: 40, loss: 0.05, seed: 3 }, (p) => progress.push(p));
    expect(Array.isArray(rows)).toBe(true);
    if (!Array.isArray(rows)) return;
    expect(rows.map((r) => r.qos)).toEqual([0, 1, 2]);
    expect(rows[2]).toMatchObject({ delivered: 40, duplicates: 0, lost: 0 });
    expect(rows[0].packetsPerMessage).toBeLessThan(rows[2].packetsPerMessage);
    expect(progress.at(-1)).toBe(1);
  });
});

describe('big runs', () => {
  it('keeps the step-by-step lab to 1,000 messages and says where bigger runs go', () => {
    expect(api.run({ messages: 100_000 })).toEqual({ error: expect.stringMatching(/^messages: .*1,000.*100,000.*Compare QoS/) });
    expect(api.snapshotAt(-1)).not.toBeNull();
  });

  it('reports compare progress in slices and stops when cancelled', async () => {
    const progress: number[] = [];
    const pending = api.compare({ messages: 20_000, loss: 0.05, seed: 1 }, (p) => {
      progress.push(p);
      if (progress.length === 2) api.cancelCompare();
    });
    expect(await pending).toEqual({ cancelled: true });
    expect(progress.length).toBe(2);
    expect(progress[0]).toBeGreaterThan(0);
    expect(progress[0]).toBeLessThan(1 / 3);
  });
});

describe('share links', () => {
  it('round-trips a scenario through the URL hash', () => {
    const s = { ...defaultScenario(), seed: 42, faults: [{ kind: 'drop' as const, type: 'PUBREC' as const, nth: 2, from: 'broker', to: 'publisher' }] };
    expect(scenarioFromHash(scenarioToHash(s))).toEqual({ ok: true, value: s });
  });
  it('explains a damaged or foreign link in one sentence', () => {
    expect(scenarioFromHash('#s=%%%')).toMatchObject({ ok: false, error: expect.stringMatching(/damaged/) });
    expect(scenarioFromHash('#hello')).toMatchObject({ ok: false, error: expect.stringMatching(/does not hold a lab scenario/) });
    const bad = scenarioToHash({ ...defaultScenario(), messages: -1 });
    expect(scenarioFromHash(bad)).toMatchObject({ ok: false, error: expect.stringMatching(/messages/) });
  });
});
