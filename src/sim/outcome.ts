/**
 * The verdict of a run, computed from the trace alone: for every application message and every
 * subscriber that should get it, how many times it arrived, against what the two hops promise
 * together (effective QoS = min(published QoS, granted QoS)).
 * An 'outcome' recording (lab.ts) keeps only the subscriptions' events and passes the rest as
 * the world counted it (`RecordedFacts`): packets, publications and deliveries.
 *
 * Rules this file keeps:
 * - A publication is its publisher's message n (a publicationNo), never its payload text.
 * - A subscriber is owed what is published after its SUBACK arrived; a late subscriber is owed
 *   only the latest retained message published before that (MQTT-3.3.1-6), not every one.
 * - A pair's promise is that of its weaker hop, and QoS 1 anywhere may duplicate: QoS 1 in and
 *   QoS 0 out promises nothing (`none`). A refused subscription (0x80) is owed nothing.
 * - Each loss is explained by an event that happened (`LossFact`: a QoS 0 copy dropped, a
 *   session discarded, a restart), never guessed from the settings; what no event explains is
 *   reported as 'unexplained', and a run that did not settle claims no guarantee (null).
 */
import { topicMatches } from '../mqtt/topic';
import { grantedCodes, type QoS, type SubackReturnCode } from '../mqtt/types';
import type { Outcome, PairOutcome, Promise } from './outcome-types';
import type { Scenario } from './scenario';
import { countInto } from './world-facts';
import { isFlowPacket, type LossFact, type Publication, type RetainedFact, type Trace, type TraceEvent } from './trace';


interface SubscriberFacts {
  readyAtMs?: number;
  /** when the broker first answered a SUBSCRIBE of it (and sent it the retained message) */
  subscribedAtMs?: number;
  granted: Map<string, SubackReturnCode>;
  /** filter -> the SUBACK event that answered it (a 'full' recording) */
  answeredBy: Map<string, number>;
  cleanSession: boolean;
}

/** What the subscriptions of each subscriber came to, fed the trace event by event. */
class SubscriptionFacts {
  readonly facts = new Map<string, SubscriberFacts>();
  private readonly requested = new Map<string, string[]>(); // `${client}|${packetId}` -> filters

  constructor(trace: Trace) {
    for (const p of trace.participants) {
      if (p.role === 'subscriber') this.facts.set(p.id, { granted: new Map(), answeredBy: new Map(), cleanSession: !!p.cleanSession });
    }
  }

  see(e: TraceEvent): void {
    if (e.kind === 'packetSent' && e.packet.type === 'SUBSCRIBE') {
      this.requested.set(`${e.from}|${e.packet.packetId}`, e.packet.subscriptions.map((s) => s.topicFilter));
    } else if (e.kind === 'packetSent' && e.packet.type === 'SUBACK') {
      const filters = this.requested.get(`${e.to}|${e.packet.packetId}`) ?? [];
      const f = this.facts.get(e.to);
      if (f && f.subscribedAtMs === undefined) f.subscribedAtMs = e.tMs;
      grantedCodes(e.packet).forEach((code, i) => {
        f?.granted.set(filters[i], code);
        f?.answeredBy.set(filters[i], e.index);
      });
    } else if (e.kind === 'packetDelivered' && e.type === 'SUBACK') {
      const f = this.facts.get(e.to);
      if (f && f.readyAtMs === undefined) f.readyAtMs = e.tMs;
    }
  }
}

/** The QoS granted for `topic` (the highest of the matching filters), or undefined. */
function grantedFor(f: SubscriberFacts, topic: string): QoS | undefined {
  let best: QoS | undefined;
  for (const [filter, code] of f.granted) {
    if (code === 0x80 || !topicMatches(filter, topic)) continue;
    if (best === undefined || code > best) best = code;
  }
  return best;
}

/** The refused filter that would have matched `topic`: the SUBACK event index (or -1 where none is kept), or undefined. */
function refusedFor(f: SubscriberFacts, topic: string, withEvent: boolean): number | undefined {
  for (const [filter, code] of f.granted) if (code === 0x80 && topicMatches(filter, topic)) return withEvent ? f.answeredBy.get(filter) ?? -1 : -1;
  return undefined;
}

/** What a publish QoS and a granted QoS promise end to end (see PairOutcome.promise). */
export function promiseOf(publishedQos: QoS, grantedQos: QoS): Promise {
  const effective = Math.min(publishedQos, grantedQos);
  const mayLose = effective === 0;
  const mayDuplicate = publishedQos === 1 || effective === 1; // either hop at QoS 1
  if (mayLose) return mayDuplicate ? 'none' : 'atMostOnce';
  return mayDuplicate ? 'atLeastOnce' : 'exactlyOnce';
}

/** What two promises hold together: each keeps only what both say (no loss, no duplicate). */
export function weakerPromise(a: Promise, b: Promise): Promise {
  const noLoss = (p: Promise) => p === 'atLeastOnce' || p === 'exactlyOnce';
  const noDup = (p: Promise) => p === 'atMostOnce' || p === 'exactlyOnce';
  const l = noLoss(a) && noLoss(b);
  const d = noDup(a) && noDup(b);
  return l ? (d ? 'exactlyOnce' : 'atLeastOnce') : d ? 'atMostOnce' : 'none';
}

function held(promise: Promise, deliveries: number): boolean {
  switch (promise) {
    case 'atMostOnce': return deliveries <= 1;
    case 'atLeastOnce': return deliveries >= 1;
    case 'exactlyOnce': return deliveries === 1;
    case 'none': return true;
  }
}

/** Loss facts by publication, and the subscription endings by subscriber, looked up only for lost pairs. */
class LossIndex {
  private byMessage?: Map<number, LossFact[]>;
  private bySubscriber?: Map<string, LossFact[]>;

  constructor(private readonly facts: readonly LossFact[]) {}

  private build(): void {
    this.byMessage = new Map();
    this.bySubscriber = new Map();
    for (const f of this.facts) {
      const [map, key] = f.publicationNo !== undefined ? [this.byMessage, f.publicationNo] as const : [this.bySubscriber, f.client ?? ''] as const;
      const list = (map as Map<number | string, LossFact[]>).get(key);
      if (list) list.push(f);
      else (map as Map<number | string, LossFact[]>).set(key, [f]);
    }
  }

  /** The first event that lost this publication for this subscriber for good. */
  messageLost(publicationNo: number, subscriber: string): LossFact | undefined {
    if (!this.byMessage) this.build();
    return this.byMessage!.get(publicationNo)?.find((f) => f.client === undefined || f.client === subscriber);
  }

  /** The ending of the subscriber's subscriptions that a publication at `tMs` met: the last one before it, else the first after. */
  subscriptionEnded(subscriber: string, tMs: number): LossFact | undefined {
    if (!this.bySubscriber) this.build();
    const list = this.bySubscriber!.get(subscriber) ?? [];
    let before: LossFact | undefined;
    for (const f of list) {
      if (f.tMs <= tMs) before = f;
      else return before ?? f;
    }
    return before;
  }
}

function lostReason(losses: LossIndex, settled: boolean, effective: QoS, pub: Publication, subscriber: string): Pick<PairOutcome, 'lostReason' | 'lostAt'> {
  const explained = (f: LossFact) => ({ lostReason: f.reason, ...(f.event !== undefined && { lostAt: f.event }) });
  const lost = losses.messageLost(pub.publicationNo, subscriber);
  if (lost) return explained(lost);
  if (!settled) return { lostReason: 'unfinished' };
  const ended = losses.subscriptionEnded(subscriber, pub.tMs);
  if (ended) return explained(ended);
  return { lostReason: effective === 0 ? 'qos0' : 'unexplained' };
}

/**
 * What an 'outcome' recording counted instead of keeping events: packets sent, all and flow
 * packets (PUBLISH to PUBCOMP); the publications in order; deliveries by client and publicationNo.
 */
export interface RecordedFacts {
  packets: number;
  flowPackets: number;
  published: readonly Publication[];
  deliveries: ReadonlyMap<string, readonly number[]>;
  /** the RETAIN=1 ones among them: copies for a new subscription */
  retainedDeliveries: ReadonlyMap<string, readonly number[]>;
  otherDeliveries: { will: number; unmatched: number };
}

/**
 * The retained publication a late subscriber is owed: the one the broker held for the topic when
 * it answered the subscriber's SUBSCRIBE (MQTT-3.3.1-6), which is the last to reach the broker,
 * not the last published.
 */
function owedRetained(stored: readonly RetainedFact[], subscribedAtMs: number | undefined, topic: string): number | undefined {
  if (subscribedAtMs === undefined) return undefined;
  let owed: number | undefined;
  for (const r of stored) {
    if (r.tMs > subscribedAtMs) break;
    if (r.topic === topic) owed = r.publicationNo > 0 ? r.publicationNo : undefined;
  }
  return owed;
}

/** What the world saw happen besides the trace's events (lab.ts): losses and the retained message over time. */
export interface RunFacts {
  losses: readonly LossFact[];
  retainedStored: readonly RetainedFact[];
}

/** The promise of the scenario's pairs as set up (what a run that published nothing would have promised). */
function promiseOfSettings(scenario: Scenario): Promise {
  let promise: Promise | undefined;
  for (const p of scenario.publishers) for (const s of scenario.subscribers) promise = promise === undefined ? promiseOf(p.qos, s.qos) : weakerPromise(promise, promiseOf(p.qos, s.qos));
  return promise ?? 'none';
}

/** Counts the deliveries, publications and packets of a full trace, feeding the subscriptions the rest (one pass). */
function countTrace(trace: Trace, subscriptions: SubscriptionFacts): RecordedFacts {
  // client -> deliveries by publicationNo (numbers 1, 2, 3...: an array beats a Map of 100,000 entries)
  const deliveries = new Map<string, number[]>();
  const retainedDeliveries = new Map<string, number[]>();
  const published: Publication[] = [];
  const otherDeliveries = { will: 0, unmatched: 0 };
  let packets = 0;
  let flowPackets = 0;
  for (const e of trace.events) {
    if (e.kind === 'appDeliver') {
      if (e.publicationNo > 0) countInto(deliveries, e.client, e.publicationNo);
      else otherDeliveries[e.will ? 'will' : 'unmatched']++;
      if (e.retain && e.publicationNo > 0) countInto(retainedDeliveries, e.client, e.publicationNo);
    } else if (e.kind === 'appPublish') {
      published.push(e);
    } else {
      if (e.kind === 'packetSent') {
        packets++;
        if (isFlowPacket(e.packet.type)) flowPackets++;
      }
      subscriptions.see(e);
    }
  }
  return { packets, flowPackets, published, deliveries, retainedDeliveries, otherDeliveries };
}

/** One subscriber as the pairs loop sees it: its facts, its deliveries, and what it was granted and owed for the topic last asked about. */
interface SubscriberView {
  subscriber: string;
  f: SubscriberFacts;
  counts?: readonly number[];
  retainedCounts?: readonly number[];
  topic?: string;
  granted?: QoS;
  /** the SUBACK that refused it (-1: none to point at), when nothing was granted */
  refused?: number;
  /** the publication owed as the retained message */
  retained?: number;
}

/**
 * The pair of a publication and a subscriber, or undefined when the subscriber was not owed it
 * and did not get it; `copies` are the RETAIN=1 copies counted apart (see below).
 */
function pairOf(pub: Publication, s: SubscriberView, settled: boolean, losses: LossIndex): { pair?: PairOutcome; copies: number } {
  const granted = s.granted;
  if (granted === undefined && s.refused === undefined) return { copies: 0 };
  const subscribedInTime = s.f.readyAtMs !== undefined && s.f.readyAtMs <= pub.tMs;
  // Copies with RETAIN=1 answer a new subscription (MQTT-3.3.1-8), and every SUBSCRIBE gets one,
  // a repeated one too (MQTT-3.8.4-3): they count for a pair owed as retained; for a pair owed
  // live they are counted apart, never as duplicates of the live delivery.
  const all = s.counts?.[pub.publicationNo] ?? 0;
  const copies = s.retainedCounts?.[pub.publicationNo] ?? 0;
  const retained = !subscribedInTime && s.retained === pub.publicationNo;
  const count = retained ? all : all - copies;
  const apart = retained ? 0 : copies;
  if (!subscribedInTime && !retained && count === 0) return { copies: apart };
  let pair: PairOutcome;
  if (granted === undefined) {
    pair = { publicationNo: pub.publicationNo, publisher: pub.client, subscriber: s.subscriber, publishedQos: pub.qos,
      grantedQos: null, effectiveQos: null, promise: 'none', deliveries: count, held: true };
    if (count === 0) Object.assign(pair, { lostReason: 'refused', ...(s.refused! >= 0 && { lostAt: s.refused }) });
  } else {
    const effectiveQos = Math.min(pub.qos, granted) as QoS;
    // A retained copy goes out again for every SUBSCRIBE that asks again: at least once at best.
    const promise = retained ? weakerPromise(promiseOf(pub.qos, granted), 'atLeastOnce') : promiseOf(pub.qos, granted);
    pair = { publicationNo: pub.publicationNo, publisher: pub.client, subscriber: s.subscriber, publishedQos: pub.qos,
      grantedQos: granted, effectiveQos, promise, deliveries: count, held: held(promise, count) };
    if (count === 0) Object.assign(pair, lostReason(losses, settled, effectiveQos, pub, s.subscriber));
    // MQTT 5.0: the broker refused the PUBLISH with a reason code and the publisher was told:
    // nothing was accepted, so nothing was promised (as for a refused subscription).
    if (pair.lostReason === 'publishRefused') pair.held = true;
  }
  if (retained) pair.retained = true;
  return { pair, copies: apart };
}

export function computeOutcome(scenario: Scenario, trace: Trace, settled: boolean, recorded?: RecordedFacts,
  facts: RunFacts = { losses: [], retainedStored: [] }): Outcome {
  // Design: one pass over the events (a run of 100,000 messages has hundreds of thousands).
  const subscriptions = new SubscriptionFacts(trace);
  if (recorded) for (const e of trace.events) subscriptions.see(e);
  const counted = recorded ?? countTrace(trace, subscriptions);
  const losses = new LossIndex(facts.losses);
  // Per subscriber once, not per publication (runs publish to one topic thousands of times).
  const subscribers: SubscriberView[] = [...subscriptions.facts].map(([subscriber, f]) => ({
    subscriber, f, counts: counted.deliveries.get(subscriber), retainedCounts: counted.retainedDeliveries.get(subscriber),
  }));
  const pairs: PairOutcome[] = [];
  let retainedCopies = 0;
  for (const pub of counted.published) {
    for (const s of subscribers) {
      if (s.topic !== pub.topic) {
        s.topic = pub.topic;
        s.granted = grantedFor(s.f, pub.topic);
        // An 'outcome' recording's trace is partial: its indices point nowhere in the full run.
        s.refused = s.granted === undefined ? refusedFor(s.f, pub.topic, recorded === undefined) : undefined;
        s.retained = owedRetained(facts.retainedStored, s.f.subscribedAtMs, pub.topic);
      }
      const { pair, copies } = pairOf(pub, s, settled, losses);
      retainedCopies += copies;
      if (pair) pairs.push(pair);
    }
  }
  return totals(scenario, counted, pairs, settled, retainedCopies);
}

/** The run's totals from its pairs and counts. */
function totals(scenario: Scenario, counted: RecordedFacts, pairs: PairOutcome[], settled: boolean, retainedCopies: number): Outcome {
  let delivered = 0;
  let duplicates = 0;
  let allHeld = true;
  let promise: Promise | undefined;
  for (const p of pairs) {
    if (p.deliveries > 0) {
      delivered++;
      duplicates += p.deliveries - 1;
    }
    if (!p.held) allHeld = false;
    if (p.grantedQos !== null) promise = promise === undefined ? p.promise : weakerPromise(promise, p.promise);
  }
  const messages = counted.published.length;
  return {
    published: pairs.length,
    delivered,
    duplicates,
    lost: pairs.length - delivered,
    guaranteeHeld: settled && pairs.length > 0 ? allHeld : null,
    // Only refused pairs: nothing was promised; no pairs at all: what the settings would promise.
    promise: promise ?? (pairs.length > 0 ? 'none' : promiseOfSettings(scenario)),
    settled,
    pairs,
    packets: counted.packets,
    packetsPerMessage: messages ? counted.flowPackets / messages : 0,
    messages,
    willDeliveries: counted.otherDeliveries.will,
    retainedCopies,
    unmatchedDeliveries: counted.otherDeliveries.unmatched,
  };
}
