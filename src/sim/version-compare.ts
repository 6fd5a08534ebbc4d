/**
 * One scenario under MQTT 3.1.1 and under MQTT 5.0, side by side: both runs (same seed, same
 * drops: only the version differs) and the differences between them that matter to a learner.
 *
 * Rules this file keeps:
 * - Packets are lined up by an LCS (version-compare-align.ts) over what a packet *is* in the
 *   exchange: sender, receiver, type, QoS, re-send or not, and the message it carries. A PUBLISH
 *   is known by its topic and payload (each publication's payload is its own, world.ts); an
 *   acknowledgement by the PUBLISH it answers. Packet ids are left out of the key: after a 5.0
 *   message expired, the next one may reuse its id, and is still the same message.
 * - Paired packets are then compared for meaning (reason codes, session present, a drop),
 *   unpaired ones become "only in 3.1.1" / "only in 5.0", runs of them together.
 * - Honest about 5.0's words for 3.1.1's defaults: a Session Expiry Interval of 0xFFFFFFFF is
 *   what clean session 0 always meant, and a Receive Maximum that never held a message back
 *   changed nothing; neither is a difference. Settings 3.1.1 ignores (refusedTopics, the expiry
 *   intervals) show up where they change what happens.
 * - No prose: keys and params for the catalog (versions.diff).
 */
import type { Packet } from '../mqtt/types';
import { reasonCodeName, type ReasonCodePacket } from '../mqtt/codec/reason-codes';
import { runScenario } from './lab';
import { SESSION_NEVER_EXPIRES, type MqttVersion, type Scenario } from './scenario';
import type { PacketSentEvent, Trace } from './trace';
import { align } from './version-compare-align';
import { deliveryDifferences, outcomeDifferences } from './version-compare-outcome';
import type { VersionComparison, VersionDifference, VersionRun } from './version-compare-types';

export type { VersionComparison, VersionDifference, VersionRun } from './version-compare-types';

/** The scenario with every client speaking `version` (3.1.1 is the schema's default, left out). */
export function withVersion(scenario: Scenario, version: MqttVersion): Scenario {
  const copy = structuredClone(scenario);
  if (version === '5') copy.mqttVersion = '5';
  else delete copy.mqttVersion;
  return copy;
}

/** Run a scenario (already valid) under both versions. */
export function runVersions(scenario: Scenario, run: (s: Scenario) => Omit<VersionRun, 'version'> = defaultRun): { v311: VersionRun; v5: VersionRun } {
  return {
    v311: { version: '3.1.1', ...run(withVersion(scenario, '3.1.1')) },
    v5: { version: '5', ...run(withVersion(scenario, '5')) },
  };
}

function defaultRun(s: Scenario): Omit<VersionRun, 'version'> {
  const r = runScenario(s, { checkpointEvery: 0 });
  return { scenario: r.scenario, trace: r.trace, outcome: r.outcome, settled: r.settled };
}

/** Run `scenario` under 3.1.1 and 5.0 and compare the runs. */
export function compareVersions(scenario: Scenario): VersionComparison {
  const { v311, v5 } = runVersions(scenario);
  return compareRuns(v311, v5);
}

/** The differences between a 3.1.1 run and a 5.0 run of the same scenario. */
export function compareRuns(v311: VersionRun, v5: VersionRun): VersionComparison {
  const a = packetsOf(v311.trace);
  const b = packetsOf(v5.trace);
  const { pairs, exact } = align(a.map((p) => p.key), b.map((p) => p.key));
  const differences: VersionDifference[] = [];
  let i = 0;
  let j = 0;
  const flushUnpaired = (untilA: number, untilB: number) => {
    if (untilA > i) differences.push({ kind: 'onlyIn311', key: 'onlyIn311', params: { count: untilA - i }, v311: a.slice(i, untilA).map((p) => p.e.index), v5: [] });
    if (untilB > j) differences.push({ kind: 'onlyIn5', key: 'onlyIn5', params: { count: untilB - j }, v311: [], v5: b.slice(j, untilB).map((p) => p.e.index) });
  };
  for (const [pa, pb] of pairs) {
    flushUnpaired(pa, pb);
    const d = meaningDifference(a[pa], b[pb]);
    if (d) differences.push(d);
    i = pa + 1;
    j = pb + 1;
  }
  flushUnpaired(a.length, b.length);
  differences.push(...saidDifferences(a, b, pairs, v311.trace, v5.trace));
  differences.push(...ruleDifferences(v311.trace, v5.trace));
  differences.push(...deliveryDifferences(v311, v5));
  const time = timeOf(v311.trace, v5.trace);
  differences.sort((x, y) => time(x) - time(y));
  differences.push(...outcomeDifferences(v311, v5));
  return {
    v311, v5, differences, exact,
    packets311: a.length, packets5: b.length, paired: pairs.length,
    randomLoss: v311.scenario.link.loss > 0,
  };
}

// ---- packets and their keys ---------------------------------------------------------------------

interface WirePacket {
  e: PacketSentEvent;
  key: string;
  dropped: boolean;
}

const decoder = new TextDecoder();
const ACK_OF_SENDER = new Set(['PUBACK', 'PUBREC', 'PUBCOMP']);

/** The packets a run sent, each keyed by what it is in the exchange (see the file's header). */
function packetsOf(trace: Trace): WirePacket[] {
  const dropped = new Set<number>();
  for (const e of trace.events) if (e.kind === 'packetDropped') dropped.add(e.wireId);
  // `from>to` -> packet id -> the message of the last QoS 1/2 PUBLISH from `from` to `to`
  const messages = new Map<string, Map<number, string>>();
  const messageOf = (from: string, to: string, id: number) => messages.get(`${from}>${to}`)?.get(id);
  const out: WirePacket[] = [];
  for (const e of trace.events) {
    if (e.kind !== 'packetSent') continue;
    const p = e.packet;
    let what: string;
    if (p.type === 'PUBLISH') {
      what = `${p.qos}:${p.topic}\u0000${decoder.decode(p.payload)}`;
      if (p.packetId !== undefined) {
        const link = `${e.from}>${e.to}`;
        if (!messages.has(link)) messages.set(link, new Map());
        messages.get(link)!.set(p.packetId, what);
      }
    } else if (ACK_OF_SENDER.has(p.type) && 'packetId' in p) {
      what = messageOf(e.to, e.from, p.packetId) ?? `id ${p.packetId}`;
    } else if (p.type === 'PUBREL') {
      what = messageOf(e.from, e.to, p.packetId) ?? `id ${p.packetId}`;
    } else {
      what = 'packetId' in p ? `id ${p.packetId}` : '';
    }
    out.push({ e, key: `${e.from}>${e.to} ${p.type} ${e.retransmission ? 'again' : 'first'} ${what}`, dropped: dropped.has(e.wireId) });
  }
  return out;
}

// ---- the same packet, another meaning -------------------------------------------------------------

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;

function reasonOf(p: Packet): number | undefined {
  return 'reasonCode' in p && typeof p.reasonCode === 'number' ? p.reasonCode : undefined;
}

/** What a paired packet says in 5.0 that its 3.1.1 twin does not (the first thing, if any). */
function meaningDifference(a: WirePacket, b: WirePacket): VersionDifference | null {
  const p3 = a.e.packet;
  const p5 = b.e.packet;
  const at = { v311: [a.e.index], v5: [b.e.index] };
  const base = { type: p5.type, from: b.e.from, to: b.e.to };
  if (p3.type === 'CONNACK' && p5.type === 'CONNACK') {
    const code3 = 'returnCode' in p3 ? p3.returnCode : 0;
    const code5 = 'reasonCode' in p5 ? p5.reasonCode : 0;
    if ((code3 === 0) !== (code5 === 0)) return { kind: 'meaning', key: 'connackCode', params: { ...base, code311: code3, code5: hex(code5), name: reasonCodeName('CONNACK', code5)?.[0] ?? '' }, ...at };
    if (p3.sessionPresent !== p5.sessionPresent) return { kind: 'meaning', key: 'sessionPresent', params: { ...base, client: b.e.to, v311: p3.sessionPresent, v5: p5.sessionPresent }, ...at };
  }
  if (p3.type === 'SUBACK' && p5.type === 'SUBACK' && 'reasonCodes' in p5) {
    const codes3 = 'returnCodes' in p3 ? p3.returnCodes : [];
    const k = p5.reasonCodes.findIndex((c, n) => c !== codes3[n]);
    if (k >= 0) {
      const code5 = p5.reasonCodes[k];
      return { kind: 'meaning', key: 'subackCode', params: { ...base, code311: hex(codes3[k] ?? 0), code5: hex(code5), name: reasonCodeName('SUBACK', code5)?.[0] ?? '' }, ...at };
    }
  }
  const code = reasonOf(p5);
  if (code !== undefined && code !== 0 && reasonOf(p3) !== code && p5.type !== 'CONNACK') {
    const name = reasonCodeName(p5.type as ReasonCodePacket, code)?.[0] ?? '';
    const params = { ...base, code: hex(code), name };
    if (code === 0x10) return { kind: 'meaning', key: 'noMatchingSubscribers', params, ...at };
    if (code >= 0x80 && (p5.type === 'PUBACK' || p5.type === 'PUBREC')) return { kind: 'meaning', key: 'ackRefused', params, ...at };
    return { kind: 'meaning', key: 'reasonCode', params, ...at };
  }
  if (a.dropped !== b.dropped) return { kind: 'meaning', key: a.dropped ? 'droppedIn311' : 'droppedIn5', params: base, ...at };
  return null;
}

// ---- what 5.0 says on the wire --------------------------------------------------------------------

/**
 * Per client, the first CONNECT whose session lifetime differs from 3.1.1's (clean session 0:
 * for ever, 1: none), the first PUBLISH with a Message Expiry Interval, and a Receive Maximum
 * that held messages back (the broker's `broker.queued.window` for that client in the 5.0 run;
 * the difference points at those decisions too, in both runs: 3.1.1 holds the same messages back,
 * by a setting nothing on the wire says).
 */
function saidDifferences(a: WirePacket[], b: WirePacket[], pairs: [number, number][], trace311: Trace, trace5: Trace): VersionDifference[] {
  const twin = new Map(pairs.map(([pa, pb]) => [pb, pa]));
  const at = (k: number) => ({ v311: twin.has(k) ? [a[twin.get(k)!].e.index] : [], v5: [b[k].e.index] });
  const held311 = windowHolds(trace311);
  const held5 = windowHolds(trace5);
  const out: VersionDifference[] = [];
  const seen = new Set<string>();
  const once = (what: string) => !seen.has(what) && !!seen.add(what);
  b.forEach((w, k) => {
    const p = w.e.packet;
    if (p.type === 'CONNECT') {
      const sec = p.properties?.sessionExpiryInterval ?? 0;
      const lifetime311 = p.cleanSession ? 0 : SESSION_NEVER_EXPIRES;
      if (sec !== lifetime311 && once(`session ${w.e.from}`)) {
        out.push({ kind: 'said', key: 'sessionExpiry', params: { client: w.e.from, sec, cleanSession: p.cleanSession }, ...at(k) });
      }
      const max = p.properties?.receiveMaximum;
      const held = held5.get(w.e.from) ?? [];
      if (max !== undefined && held.length > 0 && once(`window ${w.e.from}`)) {
        const { v311, v5 } = at(k);
        out.push({ kind: 'said', key: 'receiveMaximum', params: { client: w.e.from, max, held: held.length },
          v311: [...v311, ...(held311.get(w.e.from) ?? [])], v5: [...v5, ...held] });
      }
    } else if (p.type === 'PUBLISH' && w.e.from !== 'broker' && p.properties?.messageExpiryInterval !== undefined && once(`expiry ${w.e.from}`)) {
      out.push({ kind: 'said', key: 'messageExpiry', params: { client: w.e.from, sec: p.properties.messageExpiryInterval }, ...at(k) });
    }
  });
  return out;
}

/**
 * 5.0 forbids re-sending on the same connection (MQTT-4.4.0-1): a scenario in "retry on timeout"
 * mode re-sends in 3.1.1 (the older MQTT 3.1 behaviour) and waits for a reconnect in 5.0. Points
 * at the 5.0 client's decision and at the first 3.1.1 re-send.
 */
function ruleDifferences(trace311: Trace, trace5: Trace): VersionDifference[] {
  const decision = trace5.events.find((e) => e.kind === 'decision' && e.key === 'client.retry.notIn5');
  if (!decision || decision.kind !== 'decision') return [];
  const resent = trace311.events.find((e) => e.kind === 'packetSent' && e.retransmission);
  return [{ kind: 'rule', key: 'retryNotIn5', params: { client: decision.actor }, v311: resent ? [resent.index] : [], v5: [decision.index] }];
}

/** Per client (participant id), the broker's decisions to hold a message back for its window. */
function windowHolds(trace: Trace): Map<string, number[]> {
  const participantOf = new Map(trace.participants.map((p) => [p.clientId ?? p.id, p.id]));
  const out = new Map<string, number[]>();
  for (const e of trace.events) {
    if (e.kind !== 'decision' || e.key !== 'broker.queued.window') continue;
    const id = participantOf.get(String(e.params.clientId)) ?? String(e.params.clientId);
    if (!out.has(id)) out.set(id, []);
    out.get(id)!.push(e.index);
  }
  return out;
}

/** A difference's moment: the virtual time of its first event, in either run. */
function timeOf(t311: Trace, t5: Trace): (d: VersionDifference) => number {
  return (d) => Math.min(d.v311.length ? t311.events[d.v311[0]].tMs : Infinity, d.v5.length ? t5.events[d.v5[0]].tMs : Infinity);
}
