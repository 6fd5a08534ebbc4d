/**
 * The verdict of a run, computed from the trace alone: for every application message and every
 * subscriber that should get it, how many times it arrived, against what the two hops promise
 * together (effective QoS = min(published QoS, granted QoS)).
 * An 'outcome' recording (lab.ts) keeps only the events read here apart from `packetSent` of
 * flow packets, and passes the world's packet counts instead (`PacketCounts`).
 */
import { topicMatches } from '../mqtt/topic';
import type { QoS, SubackReturnCode } from '../mqtt/types';
import type { LostReason, Outcome, PairOutcome, Promise } from './outcome-types';
import type { Scenario } from './scenario';
import type { AppPublishEvent, Trace } from './trace';

const FLOW_PACKETS = new Set(['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP']);

interface SubscriberFacts {
  readyAtMs?: number;
  granted: Map<string, SubackReturnCode>;
  cleanSession: boolean;
}

function subscriberFacts(trace: Trace): Map<string, SubscriberFacts> {
  const facts = new Map<string, SubscriberFacts>();
  const requested = new Map<string, string[]>(); // `${client}|${packetId}` -> filters
  for (const p of trace.participants) if (p.role === 'subscriber') facts.set(p.id, { granted: new Map(), cleanSession: !!p.cleanSession });
  for (const e of trace.events) {
    if (e.kind === 'packetSent' && e.packet.type === 'SUBSCRIBE') {
      requested.set(`${e.from}|${e.packet.packetId}`, e.packet.subscriptions.map((s) => s.topicFilter));
    } else if (e.kind === 'packetSent' && e.packet.type === 'SUBACK') {
      const filters = requested.get(`${e.to}|${e.packet.packetId}`) ?? [];
      const f = facts.get(e.to);
      e.packet.returnCodes.forEach((code, i) => f?.granted.set(filters[i], code));
    } else if (e.kind === 'packetDelivered' && e.type === 'SUBACK') {
      const f = facts.get(e.to);
      if (f && f.readyAtMs === undefined) f.readyAtMs = e.tMs;
    }
  }
  return facts;
}

/** grantedFor, remembered per subscriber and topic (runs publish to one topic thousands of times). */
function grantedCached(cache: Map<SubscriberFacts, Map<string, QoS | undefined>>, f: SubscriberFacts, topic: string): QoS | undefined {
  let byTopic = cache.get(f);
  if (byTopic === undefined) cache.set(f, (byTopic = new Map()));
  if (byTopic.has(topic)) return byTopic.get(topic);
  const granted = grantedFor(f, topic);
  byTopic.set(topic, granted);
  return granted;
}

function grantedFor(f: SubscriberFacts, topic: string): QoS | undefined {
  let best: QoS | undefined;
  for (const [filter, code] of f.granted) {
    if (code === 0x80 || !topicMatches(filter, topic)) continue;
    if (best === undefined || code > best) best = code;
  }
  return best;
}

/** What a publish QoS and a granted QoS promise end to end (see PairOutcome.promise). */
export function promiseOf(publishedQos: QoS, grantedQos: QoS): Promise {
  const effective = Math.min(publishedQos, grantedQos);
  const mayLose = effective === 0;
  const mayDuplicate = publishedQos === 1 || effective === 1; // either hop at QoS 1
  if (mayLose) return mayDuplicate ? 'none' : 'atMostOnce';
  return mayDuplicate ? 'atLeastOnce' : 'exactlyOnce';
}

function held(promise: Promise, deliveries: number): boolean {
  switch (promise) {
    case 'atMostOnce': return deliveries <= 1;
    case 'atLeastOnce': return deliveries >= 1;
    case 'exactlyOnce': return deliveries === 1;
    case 'none': return true;
  }
}

function lostReason(sc: Scenario, trace: Trace, settled: boolean, effective: QoS, pub: AppPublishEvent, sub: SubscriberFacts): LostReason | undefined {
  if (!settled) return 'unfinished';
  if (sc.faults.some((f) => f.kind === 'brokerRestart' && !f.persist)) return 'brokerRestart';
  const pubClean = trace.participants.find((p) => p.id === pub.client)?.cleanSession;
  if (effective > 0 && (pubClean || sub.cleanSession)) return 'cleanSession';
  return effective === 0 ? 'qos0' : undefined;
}

/** Packets sent in the run, all and flow packets (PUBLISH to PUBCOMP), when not counted from the trace. */
export interface PacketCounts {
  packets: number;
  flowPackets: number;
}

export function computeOutcome(scenario: Scenario, trace: Trace, settled: boolean, counts?: PacketCounts): Outcome {
  const facts = subscriberFacts(trace);
  const deliveries = new Map<string, Map<number, number>>(); // client -> messageId -> deliveries
  let packets = 0;
  let flowPackets = 0;
  const published: AppPublishEvent[] = [];
  for (const e of trace.events) {
    if (e.kind === 'appDeliver') {
      let counts = deliveries.get(e.client);
      if (counts === undefined) deliveries.set(e.client, (counts = new Map()));
      counts.set(e.messageId, (counts.get(e.messageId) ?? 0) + 1);
    } else if (e.kind === 'appPublish') published.push(e);
    else if (e.kind === 'packetSent') {
      packets++;
      if (FLOW_PACKETS.has(e.packet.type)) flowPackets++;
    }
  }
  if (counts) ({ packets, flowPackets } = counts);
  const grantedCache = new Map<SubscriberFacts, Map<string, QoS | undefined>>();
  const pairs: PairOutcome[] = [];
  for (const pub of published) {
    for (const [subscriber, f] of facts) {
      const granted = grantedCached(grantedCache, f, pub.topic);
      if (granted === undefined) continue;
      const subscribedInTime = f.readyAtMs !== undefined && f.readyAtMs <= pub.tMs;
      const count = deliveries.get(subscriber)?.get(pub.messageId) ?? 0;
      if (!subscribedInTime && !pub.retain && count === 0) continue;
      const effectiveQos = Math.min(pub.qos, granted) as QoS;
      const promise = promiseOf(pub.qos, granted);
      const pair: PairOutcome = { messageId: pub.messageId, publisher: pub.client, subscriber, publishedQos: pub.qos,
        grantedQos: granted, effectiveQos, promise, deliveries: count, held: held(promise, count) };
      if (count === 0) {
        const reason = lostReason(scenario, trace, settled, effectiveQos, pub, f);
        if (reason) pair.lostReason = reason;
      }
      pairs.push(pair);
    }
  }
  const delivered = pairs.filter((p) => p.deliveries > 0).length;
  return {
    published: pairs.length,
    delivered,
    duplicates: pairs.reduce((n, p) => n + Math.max(0, p.deliveries - 1), 0),
    lost: pairs.length - delivered,
    guaranteeHeld: settled && pairs.every((p) => p.held),
    pairs,
    packets,
    packetsPerMessage: published.length ? flowPackets / published.length : 0,
    messages: published.length,
  };
}
