/**
 * 'outcome' recording (RunOptions.record) is a shortcut, not another simulator: the same
 * scenario gives the same outcome as a full recording, the events it keeps are exactly the
 * full trace's events of those kinds (only their `index` differs), and the publications it
 * keeps as facts are the full trace's appPublish events.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healingScenario } from './invariants';
import { runScenario } from './lab';
import { scenarioSchema, type Scenario } from './scenario';
import { PRESETS } from './scenarios/presets';
import type { Outcome } from './outcome-types';
import type { TraceEvent } from './trace';

const kept = (e: TraceEvent) => (e.kind === 'packetSent' && (e.packet.type === 'SUBSCRIBE' || e.packet.type === 'SUBACK')) ||
  (e.kind === 'packetDelivered' && e.type === 'SUBACK');
const withoutIndex = (events: TraceEvent[]) => events.map(({ index: _index, ...rest }) => rest);
/** An 'outcome' recording keeps no events to point at: the same outcome, less the event indices. */
const withoutEvents = (o: Outcome) => ({ ...o, pairs: o.pairs.map(({ lostAt: _lostAt, ...rest }) => rest) });

function expectSameOutcome(scenario: Scenario): void {
  const full = runScenario(scenario, { checkpointEvery: 0 });
  const lean = runScenario(scenario, { checkpointEvery: 0, record: 'outcome' });
  expect(lean.settled).toBe(full.settled);
  expect(lean.outcome).toEqual(withoutEvents(full.outcome));
  expect(lean.losses).toEqual(full.losses.map(({ event: _event, ...rest }) => rest));
  expect(withoutIndex(lean.trace.events)).toEqual(withoutIndex(full.trace.events.filter(kept)));
  const publications = full.trace.events.flatMap((e) => e.kind === 'appPublish'
    ? [{ client: e.client, publicationNo: e.publicationNo, topic: e.topic, qos: e.qos, retain: e.retain, tMs: e.tMs }] : []);
  expect(lean.recorded?.published).toEqual(publications);
}

describe("record: 'outcome' gives the outcome of record: 'full'", () => {
  it('for random scenarios with drops and loss (healingScenario)', () => {
    fc.assert(fc.property(healingScenario, (scenario) => expectSameOutcome(scenario)), { numRuns: 300, seed: 20261127 });
  }, 120_000);

  it.each(PRESETS.map((p) => p.id))('for preset %s', (id) => {
    expectSameOutcome(PRESETS.find((p) => p.id === id)!.scenario);
  });

  it('for lossy runs of 300 messages, several subscribers, faults and an unsettled bound', () => {
    expectSameOutcome(scenarioSchema.parse({ publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }, { qos: 1 }, { qos: 0 }],
      messages: 300, intervalMs: 500, link: { loss: 0.1, jitterMs: 15 }, seed: 3,
      faults: [{ kind: 'brokerRestart', atMs: 9000, persist: false }, { kind: 'drop', type: 'PUBREL', nth: 5 }] }));
    const scenario = scenarioSchema.parse({ publishers: [{ qos: 1 }], subscribers: [{ qos: 1 }], messages: 50, link: { loss: 0.2 }, seed: 2 });
    const full = runScenario(scenario, { maxSteps: 400 });
    const lean = runScenario(scenario, { maxSteps: 400, record: 'outcome' });
    expect(full.settled).toBe(false);
    expect(lean.outcome).toEqual(withoutEvents(full.outcome));
  });
});

describe('deliveries name their publication by the payload bytes', () => {
  it.each([['温度 ✓', 3], ['hello', 12], ['hello', 1], ['', 2]])('payload %j, %i messages', (payload, messages) => {
    const run = runScenario(scenarioSchema.parse({ publishers: [{ qos: 1 }], subscribers: [{ qos: 1 }], messages, payload, seed: 4 }));
    const delivered = run.trace.events.flatMap((e) => (e.kind === 'appDeliver' ? [e] : []));
    expect(delivered.map((e) => e.publicationNo)).toEqual(Array.from({ length: messages }, (_, i) => i + 1));
    expect(delivered.map((e) => e.payloadText)).toEqual(Array.from({ length: messages }, (_, i) => (messages === 1 ? payload : `${payload} ${i + 1}`)));
    expect(run.outcome).toMatchObject({ delivered: messages, duplicates: 0, guaranteeHeld: true });
  });
});
