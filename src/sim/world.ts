/**
 * The deterministic world: a virtual clock, a seeded PRNG, the broker and the clients, and
 * the links between them. It owns time and chance; the engines in src/mqtt own the protocol.
 *
 * Rules this file keeps:
 * - The clock jumps to the next scheduled item (a packet arrival, a wake-up an engine asked
 *   for, a (re)connect, an application publish, a fault). Equal times run in push order.
 * - All state is in `this.state` (plain data): checkpoint = structuredClone, replay is exact.
 * - Every happening is appended to the trace, with a narration key and params ('full'
 *   recording). An 'outcome' recording appends only the subscriptions' packets (see
 *   `outcomeNeeds`) and keeps the rest of what `computeOutcome` reads in the state: packets
 *   counted, publications as bare facts (`s.published`), deliveries counted (`s.deliveries`,
 *   kept in both modes). Same run, same outcome, a fraction of the memory and time (200,000
 *   kept events with their params were a fifth of a 100,000-message run, mostly in the garbage
 *   collector). Such a trace is partial: no view may be drawn from it.
 * Design: hot paths build an event only when it will be kept (`World.keeps`), and `emit`
 *   completes the caller's fresh object in place: appending `index` and `tMs` last gives the
 *   same key order, hence the same JSON, as a spread copy, without the copy.
 */
import { brokerStep, createBroker } from '../mqtt/broker';
import { clientStep, createClient } from '../mqtt/client';
import { payloadBytes } from '../mqtt/codec';
import { millis, type Millis } from '../mqtt/types';
import { emptyQueue, EventQueue } from './event-queue';
import { Rng } from './rng';
import { mqttVersionOf, publisherName, sessionExpiryOf, subscriberName, type Scenario } from './scenario';
import type { DropRule } from './scenario';
import type { ClientRuntime, ScheduledItem, NewEvent, WorldContext, WorldState } from './world-types';
import type { TraceEvent, TraceEventKind, Trace } from './trace';
import { handleBrokerOutputs, handleClientOutputs } from './world-engines';
import { arrive, noticeLost, openConnection } from './world-links';
import { applyFault, startPublishing } from './world-app';
import { engineBusy } from './engine-views';


/** 'full': every happening (what the views need); 'outcome': only what `computeOutcome` reads. */
export type RecordMode = 'full' | 'outcome';

/** The events an 'outcome' recording keeps: the subscriptions' (publications and deliveries are kept as counts and facts). */
function outcomeNeeds(kind: TraceEventKind, packetType: string | undefined): boolean {
  switch (kind) {
    case 'packetSent': return packetType === 'SUBSCRIBE' || packetType === 'SUBACK';
    case 'packetDelivered': return packetType === 'SUBACK';
    default: return false;
  }
}

function eventPacketType(e: NewEvent): string | undefined {
  return e.kind === 'packetSent' ? e.packet.type : e.kind === 'packetDelivered' || e.kind === 'packetDropped' ? e.type : undefined;
}

export class World implements WorldContext {
  readonly queue: EventQueue<ScheduledItem>;
  readonly rng: Rng;
  readonly jitterRng: Rng;
  /** every happening is recorded ('full'), not only what the outcome needs */
  readonly full: boolean;
  /** the scenario's drop rules by packet type (a type no rule names needs no counting) */
  readonly dropRules: ReadonlyMap<string, readonly DropRule[]>;
  /** the scenario's payload as UTF-8: what every publication's payload starts with (`publicationNoOf`) */
  private readonly payloadPrefix: Uint8Array;
  /** publisher index -> what its payloads end with (` (publisher2)`; empty for the first) */
  private readonly payloadSuffixes: Uint8Array[];

  constructor(readonly scenario: Scenario, readonly trace: Trace, readonly state: WorldState, record: RecordMode = 'full') {
    this.queue = new EventQueue(state.queue);
    this.rng = new Rng(state.rng);
    this.jitterRng = new Rng(state.jitterRng);
    this.full = record === 'full';
    const rules = new Map<string, DropRule[]>();
    for (const f of scenario.faults) if (f.kind === 'drop') rules.set(f.type, [...(rules.get(f.type) ?? []), f]);
    this.dropRules = rules;
    this.payloadPrefix = UTF8.encode(scenario.payload);
    this.payloadSuffixes = scenario.publishers.map((_, i) => UTF8.encode(payloadSuffix(i)));
  }

  static create(scenario: Scenario, record: RecordMode = 'full'): World {
    const trace: Trace = { participants: participantsOf(scenario), events: [] };
    const w = new World(scenario, trace, initialState(scenario, record), record);
    w.start();
    return w;
  }

  /** A copy of the state that a later `World.restore` resumes from exactly. */
  checkpoint(): WorldState {
    this.state.rng = this.rng.state();
    this.state.jitterRng = this.jitterRng.state();
    return structuredClone(this.state);
  }

  static restore(scenario: Scenario, trace: Trace, state: WorldState): World {
    return new World(scenario, trace, structuredClone(state));
  }

  /** Whether an event of this kind (about a packet of this type) is recorded: build it only then. */
  keeps(kind: TraceEventKind, packetType?: string): boolean {
    return this.full || outcomeNeeds(kind, packetType);
  }

  /** Append `e` (a fresh object the caller gives up) as the next trace event, if it is recorded. */
  emit(e: NewEvent): void {
    if (!this.full && !outcomeNeeds(e.kind, eventPacketType(e))) return;
    const event = e as TraceEvent;
    event.index = this.trace.events.length;
    event.tMs = millis(this.state.nowMs);
    this.trace.events.push(event);
  }

  /** Queue `item` (a fresh object the caller gives up), stamped with the next sequence number. Wake-ups: `wantWake`. */
  schedule(item: Exclude<ScheduledItem, { kind: 'wake' }>): void {
    this.state.pendingWork++;
    // Packets and resets are due a fixed latency after now: nearly always in order (event-queue.ts).
    if (item.kind === 'arrive' || item.kind === 'notice') this.queue.pushInOrder(item, this.state.seq++);
    else this.queue.push(item, this.state.seq++);
  }

  client(name: string): ClientRuntime {
    return this.state.clients[name];
  }

  /** Process one scheduled item. Returns false when the run is idle (nothing left that matters). */
  step(): boolean {
    if (this.idle()) return false;
    const item = this.queue.pop()!;
    if (item.kind !== 'wake') this.state.pendingWork--;
    this.state.nowMs = Math.max(this.state.nowMs, item.atMs);
    this.dispatch(item);
    return true;
  }

  /** Idle: no work scheduled, nothing on the wire, no engine holding a message in flight. */
  idle(): boolean {
    // Work queued means a non-empty queue: the cheap counters first (this runs before every step).
    if (this.state.pendingWork > 0 || this.state.inFlight > 0) return false;
    if (this.queue.size === 0) return true;
    return !engineBusy(this.state);
  }

  private dispatch(item: ScheduledItem): void {
    switch (item.kind) {
      case 'arrive': return arrive(this, item);
      case 'wake': return this.wake(item.actor);
      case 'connect': return openConnection(this, item.client);
      case 'publish': return this.appPublish(item.client, item.n);
      case 'notice': return noticeLost(this, item.side, item.connId, item.cause);
      case 'fault': return applyFault(this, item.fault);
    }
  }

  /** The actor's one queued wake-up is due (a later request moves it, see `wantWake`). */
  private wake(actor: string): void {
    if (actor === 'broker') {
      this.state.brokerWake = undefined;
      this.stepBroker({ type: 'timeAdvanced' });
      return;
    }
    const c = this.client(actor);
    c.wake = undefined;
    this.stepClient(c, { type: 'timeAdvanced' });
  }

  stepBroker(input: Parameters<typeof brokerStep>[1]): void {
    const r = brokerStep(this.state.broker, input, this.state.nowMs as Millis);
    if (input.type === 'timeAdvanced') this.timerFired('broker', r.outputs);
    handleBrokerOutputs(this, r.outputs);
    this.wantWake(undefined, r.wakeAtMs);
  }

  stepClient(c: ClientRuntime, input: Parameters<typeof clientStep>[1]): void {
    const r = clientStep(c.engine, input, this.state.nowMs as Millis);
    if (input.type === 'timeAdvanced') this.timerFired(c.name, r.outputs);
    handleClientOutputs(this, c, r.outputs);
    this.wantWake(c, r.wakeAtMs);
  }

  /** A wake-up that made an engine act is a happening of its own: say which timer it was. */
  private timerFired(actor: string, outputs: readonly { type: string; packet?: { type: string }; reason?: string }[]): void {
    if (outputs.length === 0 || !this.full) return;
    const kind = outputs.some((o) => o.type === 'close' && o.reason === 'keepAlive') ? 'keepAliveExpired'
      : outputs.some((o) => o.packet?.type === 'PINGREQ') ? 'keepAlive'
        : outputs.some((o) => o.type === 'send') ? 'retry' : 'other';
    this.emit({ kind: 'timer', key: `timer.${kind}`, params: { actor }, actor });
  }

  /**
   * The engine wants waking at `atMs`. A different time than the one queued moves the queued
   * wake-up there (it takes the next sequence number, as a new item would, so the order among
   * equal times is that of the requests).
   */
  private wantWake(runtime: ClientRuntime | undefined, atMs: number | undefined): void {
    const current = runtime === undefined ? this.state.brokerWake : runtime.wake;
    if (atMs === undefined || atMs === current?.atMs) return;
    const at = Math.max(atMs, this.state.nowMs);
    if (current !== undefined) {
      current.item.atMs = at;
      this.queue.move(current, at, this.state.seq++);
      return;
    }
    const entry = this.queue.push({ kind: 'wake', atMs: at, actor: runtime === undefined ? 'broker' : runtime.name }, this.state.seq++);
    if (runtime === undefined) this.state.brokerWake = entry;
    else runtime.wake = entry;
  }

  /**
   * The message an application received: the latest publication with its topic and payload, or -1.
   * Every publication goes to the scenario's topic with the text of its number n and, from the
   * second publisher on, its publisher (`appPublish`), so the payload names the publisher and n,
   * and they the message, with no table of every payload published (a Map of 100,000 strings
   * cost more than the rest of a delivery). Read from the bytes: decoding them to text first
   * cost more than the lookup.
   */
  publicationNoOf(topic: string, payload: Uint8Array): number {
    const scenario = this.scenario;
    if (topic !== scenario.topic) return -1;
    const suffixes = this.payloadSuffixes;
    // Another publisher's suffix first; a payload the first publisher's text explains stays its own.
    for (let i = 1; i < suffixes.length; i++) {
      if (!endsWith(payload, suffixes[i])) continue;
      const n = this.numberIn(payload, payload.length - suffixes[i].length);
      if (n > 0) return this.state.publicationNos[i][n] ?? -1;
    }
    return this.state.publicationNos[0][this.numberIn(payload, payload.length)] ?? -1;
  }

  /** n of a payload whose first `end` bytes are the first publisher's text of message n, else 0. */
  private numberIn(payload: Uint8Array, end: number): number {
    const prefix = this.payloadPrefix;
    if (this.scenario.messages === 1) return end === prefix.length && startsWith(payload, prefix) ? 1 : 0;
    return numberAfter(prefix, payload, end);
  }

  /**
   * Message n (1..messages) of a publisher: `${payload} ${n}`, or the bare payload in a run of
   * one, followed by ` (publisher2)` from the second publisher on (`payloadSuffix`).
   */
  private appPublish(client: string, n: number): void {
    const scenario = this.scenario;
    const c = this.client(client);
    const spec = scenario.publishers[c.index];
    const payloadText = (scenario.messages === 1 ? scenario.payload : `${scenario.payload} ${n}`) + payloadSuffix(c.index);
    const publicationNo = this.state.nextPublicationNo++;
    this.state.publicationNos[c.index][n] = publicationNo;
    if (this.full) {
      this.emit({ kind: 'appPublish', key: 'app.publish', params: { client, publicationNo, qos: spec.qos, topic: scenario.topic },
        client, publicationNo, topic: scenario.topic, payloadText, qos: spec.qos, retain: scenario.retain });
    } else {
      this.state.published!.push({ client, publicationNo, topic: scenario.topic, qos: spec.qos, retain: scenario.retain, tMs: millis(this.state.nowMs) });
    }
    if (n < scenario.messages) this.schedule({ kind: 'publish', atMs: this.state.nowMs + scenario.intervalMs, client, n: n + 1 });
    // MQTT 5.0: the Message Expiry Interval travels with the message (MQTT-3.3.2-5); ignored in 3.1.1.
    const expiry = spec.messageExpirySec !== undefined && mqttVersionOf(scenario) === '5' ? { properties: { messageExpiryInterval: spec.messageExpirySec } } : {};
    this.stepClient(c, { type: 'appPublished',
      message: { topic: scenario.topic, payload: payloadBytes(payloadText), qos: spec.qos, retain: scenario.retain, ...expiry } });
  }

  private start(): void {
    const scenario = this.scenario;
    for (const c of Object.values(this.state.clients)) {
      const joinAtMs = c.role === 'subscriber' ? scenario.subscribers[c.index].joinAtMs ?? 0 : 0;
      this.schedule({ kind: 'connect', atMs: joinAtMs, client: c.name });
    }
    scenario.faults.forEach((f, i) => {
      if (f.kind !== 'drop') this.schedule({ kind: 'fault', atMs: f.atMs, fault: i });
    });
    if (scenario.subscribers.every((s) => s.joinAtMs !== undefined)) startPublishing(this);
  }

}

const UTF8 = new TextEncoder();
/** Mixed into the seed for the jitter stream (any fixed odd constant: a stream apart from the link's). */
const JITTER_STREAM = 0x5bd1e995;

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function endsWith(bytes: Uint8Array, suffix: Uint8Array): boolean {
  const offset = bytes.length - suffix.length;
  if (offset < 0) return false;
  for (let i = 0; i < suffix.length; i++) if (bytes[offset + i] !== suffix[i]) return false;
  return true;
}

/** What publisher `index`'s payloads end with: nothing for the first, ` (publisher2)` for the second... */
export function payloadSuffix(index: number): string {
  return index === 0 ? '' : ` (${publisherName(index)})`;
}

/**
 * n if the first `end` bytes are the UTF-8 of `${prefix} ${n}` for a whole n >= 1 written as
 * `${n}` writes it, else 0.
 */
function numberAfter(prefix: Uint8Array, bytes: Uint8Array, end: number): number {
  const start = prefix.length + 1;
  const digits = end - start;
  if (digits < 1 || digits > 15 || bytes[start - 1] !== 0x20 || !startsWith(bytes, prefix)) return 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i] - 0x30;
    if (d < 0 || d > 9 || (d === 0 && i === start)) return 0;
    n = n * 10 + d;
  }
  return n;
}

/**
 * A 5.0 client's own settings: its Session Expiry Interval, and for a subscriber its Receive
 * Maximum (the window the broker keeps toward it, which 3.1.1 leaves to a broker setting).
 */
function clientOptions5(role: 'publisher' | 'subscriber', spec: Scenario['publishers'][number] | Scenario['subscribers'][number]) {
  const sessionExpiryInterval = sessionExpiryOf(spec);
  return {
    protocolVersion: 5 as const,
    ...(sessionExpiryInterval !== undefined && { sessionExpiryInterval }),
    ...(role === 'subscriber' && { receiveMaximum: spec.maxInflight }),
  };
}

function participantsOf(scenario: Scenario): Trace['participants'] {
  return [
    ...scenario.publishers.map((p, i) => ({ id: publisherName(i), role: 'publisher' as const, qos: p.qos, cleanSession: p.cleanSession, clientId: publisherName(i) })),
    { id: 'broker', role: 'broker' as const },
    ...scenario.subscribers.map((p, i) => ({ id: subscriberName(i), role: 'subscriber' as const, qos: p.qos, cleanSession: p.cleanSession, clientId: subscriberName(i) })),
  ];
}

/** The engines narrate their decisions only when the trace keeps them ('full'). */
function initialState(scenario: Scenario, record: RecordMode): WorldState {
  const narrate = record === 'full';
  const v5 = mqttVersionOf(scenario) === '5';
  const clients: Record<string, ClientRuntime> = {};
  const add = (name: string, role: 'publisher' | 'subscriber', index: number, spec: Scenario['publishers'][number], will?: Scenario['publishers'][number]['will']) => {
    clients[name] = {
      name, role, index, connections: 0, offlineUntilMs: 0, ready: false, stopped: false, accepted: false, failedAttempts: 0,
      engine: createClient({
        clientId: name, cleanSession: spec.cleanSession, keepAliveSec: spec.keepAliveSec,
        retryMode: scenario.retryMode, narrate, maxInflight: spec.maxInflight,
        will: will && { topic: will.topic, payload: UTF8.encode(will.payload), qos: will.qos, retain: will.retain },
        ...(v5 && clientOptions5(role, spec)),
      }),
    };
  };
  scenario.publishers.forEach((p, i) => add(publisherName(i), 'publisher', i, p, p.will));
  scenario.subscribers.forEach((p, i) => add(subscriberName(i), 'subscriber', i, p));
  // The broker keeps as many in flight to a subscriber as that subscriber's setting says: a
  // broker setting in 3.1.1, the subscriber's own Receive Maximum in 5.0 (MQTT-3.3.4-9).
  const maxInflightByClient = v5 ? {} : Object.fromEntries(scenario.subscribers.map((sub, i) => [subscriberName(i), sub.maxInflight]));
  const brokerOptions5 = v5 ? { protocolVersions: [5 as const], maxInflight: 65_535, ...(scenario.refusedTopics && { refusedTopics: scenario.refusedTopics }) } : {};
  return {
    nowMs: 0, seq: 0, nextWireId: 1, rng: new Rng(scenario.seed).state(), jitterRng: new Rng(scenario.seed ^ JITTER_STREAM).state(),
    queue: emptyQueue(), pendingWork: 0,
    broker: createBroker({ qos2Method: scenario.qos2Method, refusedFilters: scenario.refusedFilters, retryMode: scenario.retryMode, narrate, maxInflightByClient, ...brokerOptions5 }),
    clients, conns: [], inFlight: 0, sentCount: {}, packetsSent: 0, flowPacketsSent: 0, packetsDropped: 0,
    deliveries: new Map(), retainedDeliveries: new Map(), otherDeliveries: { will: 0, unmatched: 0 }, publicationNos: scenario.publishers.map(() => []), losses: [], retainedStored: [],
    nextPublicationNo: 1, publishingStarted: false,
    ...(record === 'outcome' ? { published: [] } : {}),
  };
}
