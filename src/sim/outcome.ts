/**
 * The verdict of a run, computed from the trace alone: for every application message and every
 * subscriber that should get it, how many times it arrived, against what the two hops promise
 * together (effective QoS = min(published QoS, granted QoS)).
 * An 'outcome' recording (lab.ts) keeps only the subscriptions' events and passes the rest as
 * the world counted it (`RecordedFacts`): packets, publications and deliveries.
 */
import { topicMatches } from '../mqtt/topic';
import type { QoS, SubackReturnCode } from '../mqtt/types';
import type { LostReason, Outcome, PairOutcome, Promise } from './outcome-types';
import type { Scenario } from './scenario';
import type { Publication, Trace, TraceEvent } from './trace';

/** PUBLISH and its acknowledgements, what "packets per message" counts (a switch: the world asks for every packet). */
export function isFlowPacket(type: string): boolean {
  switch (type) {
    case 'PUBLISH': case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP': return true;
    default: return false;
  }
}

interface SubscriberFacts {
  readyAtMs?: number;
  granted: Map<string, SubackReturnCode>;
  cleanSession: boolean;
}

/** What the subscriptions of each subscriber came to, fed the trace event by event. */
class SubscriptionFacts {
  readonly facts = new Map<string, SubscriberFacts>();
  private readonly requested = new Map<string, string[]>(); // `${client}|${packetId}` -> filters

  constructor(trace: Trace) {
    for (const p of trace.participants) if (p.role === 'subscriber') this.facts.set(p.id, { granted: new Map(), cleanSession: !!p.cleanSession });
  }

  see(e: TraceEvent): void {
    if (e.kind === 'packetSent' && e.packet.type === 'SUBSCRIBE') {
      this.requested.set(`${e.from}|${e.packet.packetId}`, e.packet.subscriptions.map((s) => s.topicFilter));
    } else if (e.kind === 'packetSent' && e.packet.type === 'SUBACK') {
      const filters = this.requested.get(`${e.to}|${e.packet.packetId}`) ?? [];
      const f = this.facts.get(e.to);
      e.packet.returnCodes.forEach((code, i) => f?.granted.set(filters[i], code));
    } else if (e.kind === 'packetDelivered' && e.type === 'SUBACK') {
      const f = this.facts.get(e.to);
      if (f && f.readyAtMs === undefined) f.readyAtMs = e.tMs;
    }
  }
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

function lostReason(sc: Scenario, trace: Trace, settled: boolean, effective: QoS, pub: Publication, sub: SubscriberFacts): LostReason | undefined {
  if (!settled) return 'unfinished';
  if (sc.faults.some((f) => f.kind === 'brokerRestart' && !f.persist)) return 'brokerRestart';
  const pubClean = trace.participants.find((p) => p.id === pub.client)?.cleanSession;
  if (effective > 0 && (pubClean || sub.cleanSession)) return 'cleanSession';
  return effective === 0 ? 'qos0' : undefined;
}

/**
 * What an 'outcome' recording counted instead of keeping events: packets sent, all and flow
 * packets (PUBLISH to PUBCOMP); the publications in order; deliveries by client and messageId.
 */
export interface RecordedFacts {
  packets: number;
  flowPackets: number;
  published: readonly Publication[];
  deliveries: ReadonlyMap<string, readonly number[]>;
}

export function computeOutcome(scenario: Scenario, trace: Trace, settled: boolean, recorded?: RecordedFacts): Outcome {
  // Design: one pass over the events (a run of 100,000 messages has hundreds of thousands).
  const subscriptions = new SubscriptionFacts(trace);
  // client -> deliveries by messageId (ids are 1, 2, 3...: an array beats a Map of 100,000 entries)
  let deliveries: ReadonlyMap<string, readonly number[]>;
  let packets = 0;
  let flowPackets = 0;
  let published: readonly Publication[];
  if (recorded) {
    for (const e of trace.events) subscriptions.see(e);
    ({ packets, flowPackets, published, deliveries } = recorded);
  } else {
    const counted = new Map<string, number[]>();
    const publications: Publication[] = [];
    for (const e of trace.events) {
      if (e.kind === 'appDeliver') {
        let counts = counted.get(e.client);
        if (counts === undefined) counted.set(e.client, (counts = []));
        if (e.messageId > 0) counts[e.messageId] = (counts[e.messageId] ?? 0) + 1; // -1: no publication, never asked for
      } else if (e.kind === 'appPublish') {
        publications.push(e);
      } else {
        if (e.kind === 'packetSent') {
          packets++;
          if (isFlowPacket(e.packet.type)) flowPackets++;
        }
        subscriptions.see(e);
      }
    }
    deliveries = counted;
    published = publications;
  }
  // Per subscriber once, not per publication: its facts, its deliveries, and the QoS granted for
  // the topic last asked about (runs publish to one topic thousands of times).
  const subscribers = [...subscriptions.facts].map(([subscriber, f]) => ({
    subscriber, f, counts: deliveries.get(subscriber), topic: undefined as string | undefined, granted: undefined as QoS | undefined,
  }));
  const pairs: PairOutcome[] = [];
  let delivered = 0;
  let duplicates = 0;
  let allHeld = true;
  for (const pub of published) {
    for (const s of subscribers) {
      if (s.topic !== pub.topic) {
        s.topic = pub.topic;
        s.granted = grantedFor(s.f, pub.topic);
      }
      const granted = s.granted;
      if (granted === undefined) continue;
      const f = s.f;
      const subscribedInTime = f.readyAtMs !== undefined && f.readyAtMs <= pub.tMs;
      const count = s.counts?.[pub.messageId] ?? 0;
      if (!subscribedInTime && !pub.retain && count === 0) continue;
      const effectiveQos = Math.min(pub.qos, granted) as QoS;
      const promise = promiseOf(pub.qos, granted);
      const pair: PairOutcome = { messageId: pub.messageId, publisher: pub.client, subscriber: s.subscriber, publishedQos: pub.qos,
        grantedQos: granted, effectiveQos, promise, deliveries: count, held: held(promise, count) };
      if (count === 0) {
        const reason = lostReason(scenario, trace, settled, effectiveQos, pub, f);
        if (reason) pair.lostReason = reason;
      } else {
        delivered++;
        duplicates += count - 1;
      }
      if (!pair.held) allHeld = false;
      pairs.push(pair);
    }
  }
  return {
    published: pairs.length,
    delivered,
    duplicates,
    lost: pairs.length - delivered,
    guaranteeHeld: settled && allHeld,
    pairs,
    packets,
    packetsPerMessage: published.length ? flowPackets / published.length : 0,
    messages: published.length,
  };
}
