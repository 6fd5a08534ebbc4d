/**
 * What must hold for every run whose sessions persist (clean session 0) and whose link heals:
 * effective QoS 1 or 2 -> at least one delivery; no hop at QoS 1 -> at most one (so QoS 0 end
 * to end is at most once and QoS 2 end to end exactly once); once idle, no packet in flight and
 * no packet id held anywhere. (QoS 1 in, QoS 0 out may duplicate: the first hop re-sends.) Used by the property tests and `npm run soak`.
 */
import fc from 'fast-check';
import { brokerView } from '../mqtt/broker';
import { clientView } from '../mqtt/client';
import { holdsAny } from '../mqtt/session/tables';
import { runScenario, worldAt, type LabRun } from './lab';
import { scenarioSchema, type Scenario } from './scenario';

const qos = fc.constantFrom(0 as const, 1 as const, 2 as const);
const FLOW = ['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'CONNECT', 'CONNACK', 'SUBSCRIBE', 'SUBACK'] as const;
const DIRECTIONS = [[undefined, undefined], ['publisher', 'broker'], ['broker', 'publisher'], ['broker', 'subscriber'], ['subscriber', 'broker']] as const;

/** Random scenarios with persistent sessions, random drop rules and some random loss. */
export const healingScenario: fc.Arbitrary<Scenario> = fc
  .record({
    pub: qos, sub: qos, messages: fc.integer({ min: 1, max: 4 }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    loss: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.25, noNaN: true })),
    method: fc.constantFrom('A' as const, 'B' as const),
    detect: fc.constantFrom('reset' as const, 'keepAlive' as const),
    retryMode: fc.constantFrom('reconnect' as const, 'reconnect' as const, 'retryOnTimeout' as const),
    intervalMs: fc.constantFrom(0, 10, 50),
    drops: fc.array(fc.record({ type: fc.constantFrom(...FLOW), nth: fc.integer({ min: 1, max: 3 }), dir: fc.constantFrom(...DIRECTIONS) }), { maxLength: 4 }),
  })
  .map((r) => scenarioSchema.parse({
    publishers: [{ qos: r.pub }], subscribers: [{ qos: r.sub }], messages: r.messages, seed: r.seed, intervalMs: r.intervalMs,
    link: { loss: r.loss, detect: r.detect }, qos2Method: r.method, retryMode: r.retryMode,
    faults: r.drops.map((d) => ({ kind: 'drop', type: d.type, nth: d.nth, from: d.dir[0], to: d.dir[1] })),
  }));

/** The same random scenarios in MQTT 5.0 (retry-on-timeout included: 5.0 turns it off, and a drop breaks the connection). */
export const healingScenario5: fc.Arbitrary<Scenario> = healingScenario.map((s) => ({ ...s, mqttVersion: '5' as const }));

/**
 * Random scenarios a learner can set up with default settings (sessions kept, connections reset
 * on a drop, the default window and back-off): QoS 1 or 2 on every client, several publishers
 * and subscribers, mixed QoS, loss up to 30 %, sometimes retained messages, a will, and a
 * subscriber that joins late; in MQTT 3.1.1 or 5.0. Each such run must publish everything, settle, and lose nothing.
 */
export const liveScenario: fc.Arbitrary<Scenario> = fc
  .record({
    pubs: fc.array(fc.constantFrom(1 as const, 2 as const), { minLength: 1, maxLength: 3 }),
    subs: fc.array(fc.constantFrom(1 as const, 2 as const), { minLength: 1, maxLength: 3 }),
    messages: fc.integer({ min: 1, max: 12 }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    loss: fc.oneof(fc.constant(0.3), fc.double({ min: 0, max: 0.3, noNaN: true })),
    intervalMs: fc.constantFrom(0, 10, 50, 200),
    retain: fc.boolean(), will: fc.boolean(), lateJoinMs: fc.option(fc.integer({ min: 1, max: 1500 }), { nil: undefined }),
    mqttVersion: fc.constantFrom('3.1.1' as const, '5' as const),
  })
  .map((r) => scenarioSchema.parse({
    publishers: r.pubs.map((qos, i) => ({ qos, ...(r.will && i === 0 && { will: { topic: 'sensors/status', payload: 'gone', qos: 1 } }) })),
    subscribers: r.subs.map((qos, i) => ({ qos, topicFilters: ['sensors/#'], ...(i === 0 && r.subs.length > 1 && r.lateJoinMs !== undefined && { joinAtMs: r.lateJoinMs }) })),
    messages: r.messages, seed: r.seed, intervalMs: r.intervalMs, retain: r.retain, link: { loss: r.loss },
    ...(r.mqttVersion === '5' && { mqttVersion: '5' }),
  }));

/**
 * Liveness and the verdict, for runs of `liveScenario`: the run settles within its default
 * bound, every message is published, nothing owed is lost, QoS 2 end to end duplicates nothing,
 * the verdict is "held", and the outcome accounts for every delivery in the trace.
 */
export function liveViolations(run: LabRun): string[] {
  const out: string[] = [];
  const o = run.outcome;
  const scenario = run.scenario;
  if (!run.settled) out.push('the run did not settle within its bound');
  if (o.messages !== scenario.messages * scenario.publishers.length) out.push(`published ${o.messages} of ${scenario.messages * scenario.publishers.length} messages`);
  if (o.published === 0) out.push('no delivery was owed to anyone');
  for (const p of o.pairs) {
    if (p.deliveries < 1) out.push(`message ${p.publicationNo} of ${p.publisher} lost for ${p.subscriber} (${p.lostReason})`);
    if (p.promise === 'exactlyOnce' && p.deliveries > 1) out.push(`message ${p.publicationNo} delivered ${p.deliveries} times to ${p.subscriber} at QoS 2`);
  }
  if (o.guaranteeHeld !== true) out.push(`verdict ${o.guaranteeHeld} for a run that lost nothing`);
  if (o.unmatchedDeliveries > 0) out.push(`${o.unmatchedDeliveries} deliveries match no publication`);
  const traced = run.trace.events.filter((e) => e.kind === 'appDeliver').length;
  const counted = o.pairs.reduce((n, p) => n + p.deliveries, 0) + o.willDeliveries + o.retainedCopies + o.unmatchedDeliveries;
  if (traced !== counted) out.push(`the outcome accounts for ${counted} deliveries, the trace has ${traced}`);
  return out;
}

/** The violations of a run, as readable lines (empty: all held). */
export function violations(run: LabRun): string[] {
  const out: string[] = [];
  if (!run.settled) out.push('the run did not settle');
  for (const p of run.outcome.pairs) {
    const n = p.deliveries;
    const hops = `QoS ${p.publishedQos} -> ${p.grantedQos}`;
    if (p.effectiveQos !== null && p.effectiveQos >= 1 && n < 1) out.push(`${hops} message ${p.publicationNo} never delivered to ${p.subscriber}`);
    if (p.publishedQos !== 1 && p.effectiveQos !== 1 && n > 1) out.push(`${hops} message ${p.publicationNo} delivered ${n} times to ${p.subscriber}`);
  }
  if (run.settled) {
    const world = worldAt(run, run.trace.events.length - 1);
    if (world.state.inFlight !== 0) out.push(`${world.state.inFlight} packets still in flight when idle`);
    for (const c of Object.values(world.state.clients)) if (holdsAny(clientView(c.engine))) out.push(`${c.name} still holds packet ids when idle`);
    for (const s of brokerView(world.state.broker).sessions) if (holdsAny(s)) out.push(`broker session ${s.clientId} still holds packet ids when idle`);
  }
  return out;
}

/**
 * Random loss never stops, so a link that heals is one that eventually gets lucky: at 25 % loss
 * QoS 1 duplicates multiply (each DUP is forwarded again as a new message) and a run of four
 * messages can take 150,000 steps to settle. The bound here is generous on purpose; the
 * guarantees are what is checked (the lab's default bound flags such runs as unsettled).
 */
const SOAK_MAX_STEPS = 2_000_000;

export function checkScenario(scenario: Scenario): string[] {
  const a = runScenario(scenario, { maxSteps: SOAK_MAX_STEPS });
  const v = violations(a);
  const b = runScenario(scenario, { maxSteps: SOAK_MAX_STEPS });
  if (JSON.stringify(a.trace, replacer) !== JSON.stringify(b.trace, replacer)) v.push('same scenario and seed gave a different trace');
  return v;
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? Array.from(value) : value;
}
