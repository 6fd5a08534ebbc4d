/**
 * 'outcome' recording (RunOptions.record) is a shortcut, not another simulator: the same
 * scenario gives the same outcome as a full recording, and the events it keeps are exactly the
 * full trace's events of those kinds (only their `index` differs).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healingScenario } from './invariants';
import { runScenario } from './lab';
import { scenarioSchema, type Scenario } from './scenario';
import { PRESETS } from './scenarios/presets';
import type { TraceEvent } from './trace';

const kept = (e: TraceEvent) => e.kind === 'appPublish' || e.kind === 'appDeliver' ||
  (e.kind === 'packetSent' && (e.packet.type === 'SUBSCRIBE' || e.packet.type === 'SUBACK')) ||
  (e.kind === 'packetDelivered' && e.type === 'SUBACK');
const withoutIndex = (events: TraceEvent[]) => events.map(({ index: _index, ...rest }) => rest);

function expectSameOutcome(scenario: Scenario): void {
  const full = runScenario(scenario, { checkpointEvery: 0 });
  const lean = runScenario(scenario, { checkpointEvery: 0, record: 'outcome' });
  expect(lean.settled).toBe(full.settled);
  expect(lean.outcome).toEqual(full.outcome);
  expect(withoutIndex(lean.trace.events)).toEqual(withoutIndex(full.trace.events.filter(kept)));
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
    expect(lean.outcome).toEqual(full.outcome);
  });
});
