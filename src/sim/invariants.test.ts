import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkScenario, healingScenario } from './invariants';
import { scenarioSchema } from './scenario';

describe('QoS guarantees over a lossy link that heals (persistent sessions)', () => {
  it('QoS 0 at most once, QoS 1 at least once, QoS 2 exactly once; nothing held once idle; same seed, same trace', () => {
    fc.assert(fc.property(healingScenario, (scenario) => {
      expect(checkScenario(scenario)).toEqual([]);
    }), { numRuns: 1000, seed: 20261126 });
  }, 120_000);

  it('regression: random loss at 25 % with keep-alive detection settles and keeps QoS 2 exactly once', () => {
    const scenario = scenarioSchema.parse({ publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], messages: 4, seed: 7,
      link: { loss: 0.25, detect: 'keepAlive' } });
    expect(checkScenario(scenario)).toEqual([]);
  });
});
