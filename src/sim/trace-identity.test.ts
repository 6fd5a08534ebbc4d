/**
 * The simulator's output, pinned byte for byte: SHA-256 of the JSON of the trace, the outcome
 * and some state tables for every preset, a few lossy 200-message runs and a fixed sample of
 * random scenarios. Performance work on src/sim and src/mqtt must leave every hash unchanged;
 * a hash that moves means behaviour moved (re-pin only for an intended change of behaviour).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { healingScenario } from './invariants';
import { runScenario, type LabRun } from './lab';
import { scenarioSchema, type ScenarioInput } from './scenario';
import { PRESETS } from './scenarios/presets';
import { snapshotAt } from './snapshot';

const replacer = (_key: string, value: unknown): unknown => (value instanceof Uint8Array ? Array.from(value) : value);
const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value, replacer)).digest('hex').slice(0, 16);

/** trace, outcome, and the state tables at a handful of points (checkpoint + replay). */
function fingerprint(run: LabRun): string {
  const n = run.trace.events.length;
  const points = [-1, 0, Math.floor(n / 3), Math.floor(n / 2), n - 1];
  return sha([run.trace, run.outcome, run.settled, run.checkpoints.map((c) => c.traceLength), points.map((i) => snapshotAt(run, i))]);
}

const LOSSY: Record<string, ScenarioInput> = {
  'qos2 200 loss 10%': { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], messages: 200, intervalMs: 1000, link: { loss: 0.1 }, seed: 1 },
  'qos1 200 loss 15% jitter': { publishers: [{ qos: 1 }], subscribers: [{ qos: 1 }, { qos: 2 }], messages: 200, intervalMs: 1000, link: { loss: 0.15, jitterMs: 30 }, seed: 5 },
  'qos2 60 keepAlive method A': { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], messages: 60, intervalMs: 20, qos2Method: 'A', link: { loss: 0.1, detect: 'keepAlive' }, seed: 9 },
  'mixed 2x100 retryOnTimeout': { publishers: [{ qos: 2 }, { qos: 1 }], subscribers: [{ qos: 1 }, { qos: 0 }], messages: 100, intervalMs: 200, retryMode: 'retryOnTimeout', link: { loss: 0.1 }, seed: 6,
    faults: [{ kind: 'drop', type: 'PUBREC', nth: 3 }, { kind: 'drop', type: 'PUBLISH', nth: 2, from: 'broker', to: 'subscriber' }] },
  'qos2 200 faults': { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }, { qos: 1, cleanSession: true }], messages: 200, link: { loss: 0.05 }, seed: 11,
    faults: [{ kind: 'break', client: 'subscriber', atMs: 700 }, { kind: 'offline', client: 'publisher', atMs: 1500, forMs: 900 },
      { kind: 'brokerRestart', atMs: 4000, persist: true }, { kind: 'drop', type: 'PUBCOMP', nth: 4, from: 'broker' }] },
};

/** Pinned before the performance work began; see the module header. */
const PINNED: Record<string, string> = {
  'preset:pub0-sub0': '0f2447994bc414c5',
  'preset:pub1-sub1': 'b86528a21b667a44',
  'preset:pub2-sub2': '0eb40895594aa66a',
  'preset:pub2-sub0': '58055d34692f84a8',
  'preset:pub0-sub2': '3956d3ec6e2386f6',
  'preset:pub2-sub1': 'faf2996ab85b98e1',
  'preset:pub1-sub2': '1d180d099f40c986',
  'preset:qos0-lost': '2be56a30b47a5f2e',
  'preset:qos1-drop-publish-in': '64434f49ab2f0a2b',
  'preset:qos1-drop-publish-out': '9846b94d919b4761',
  'preset:qos1-drop-puback-in': '2b42411877bfad29',
  'preset:qos1-drop-puback-out': '89bae3887c75b1dd',
  'preset:qos2-drop-publish-in': 'efe55c707437980a',
  'preset:qos2-drop-pubrec-in': 'd23b86e271a504b8',
  'preset:qos2-drop-pubrel-in': '2d6c9ef561769348',
  'preset:qos2-drop-pubcomp-in': '8a5a8edb4dbd41a1',
  'preset:qos2-drop-publish-out': 'a69dd30d6ac9398e',
  'preset:qos2-drop-pubrec-out': '5b0dce071da509f1',
  'preset:qos2-drop-pubrel-out': '9b82f5dea72f6c9a',
  'preset:qos2-drop-pubcomp-out': '7506f6783b415673',
  'preset:offline-subscriber': '4cdb1a7924be08cd',
  'preset:clean-session-loses': '16f455d5c02d012b',
  'preset:retained-late-subscriber': 'b5a679870fc2ba12',
  'preset:will-message': '9a40ea7150720e32',
  'preset:broker-restart': '6d900fd9fb800c67',
  'preset:overlapping-subscriptions': '6b8360459fb943ae',
  'preset:qos2-method-a': '84d65910da2d3ca8',
  'preset:qos2-method-b': '0eb40895594aa66a',
  'preset:retry-on-timeout': 'c927becefb7a537a',
  'preset:many-subscribers': '5b498382c68832d2',
  'lossy:qos2 200 loss 10%': 'd49f328812169660',
  'lossy:qos1 200 loss 15% jitter': 'a20f0c8c8ab94611',
  'lossy:qos2 60 keepAlive method A': '1d126b5250ca3e11',
  'lossy:mixed 2x100 retryOnTimeout': 'cac95c6834ec51f2',
  'lossy:qos2 200 faults': '22d51065606fe708',
  'random': '75056df51450bee8',
};

describe('the simulator is byte-for-byte stable', () => {
  it.each(PRESETS.map((p) => p.id))('preset %s', (id) => {
    const run = runScenario(PRESETS.find((p) => p.id === id)!.scenario);
    expect(`${id} ${fingerprint(run)}`).toBe(`${id} ${PINNED[`preset:${id}`]}`);
  });

  it.each(Object.keys(LOSSY))('lossy run: %s', (name) => {
    const run = runScenario(scenarioSchema.parse(LOSSY[name]));
    expect(`${name} ${fingerprint(run)}`).toBe(`${name} ${PINNED[`lossy:${name}`]}`);
  });

  it('300 random scenarios (healingScenario, fixed seed)', () => {
    const scenarios = fc.sample(healingScenario, { numRuns: 300, seed: 42 });
    const hashes = scenarios.map((sc) => {
      const run = runScenario(sc);
      return sha([run.trace, run.outcome, run.settled]);
    });
    expect(sha(hashes)).toBe(PINNED.random);
  }, 60_000);
});
