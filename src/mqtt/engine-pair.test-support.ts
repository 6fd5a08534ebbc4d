/**
 * A broker and named clients joined by in-memory links, for tests (h11's ConnectionPair,
 * quinn's Pair). No mocks and no fake timers: real engines, real bytes through the real codec,
 * a virtual clock that jumps to the next `wakeAtMs`.
 *
 * The link is an ordered byte stream, like TCP: a chunk is either delivered in order or the
 * whole connection breaks with it (and everything after it) in flight. Chunks from every link
 * share one FIFO, so runs are deterministic.
 */
import { millis, type AppMessage, type Millis, type Packet, type PacketType, type QoS } from './types';
import type { ClientInput, ClientOptions, ClientOutput, ClientState } from './client';
import { clientStep, createClient } from './client';
import type { BrokerInput, BrokerOptions, BrokerOutput, BrokerState } from './broker';
import { brokerStep, createBroker } from './broker';

export interface WireRecord {
  t: Millis; from: string; to: string; packet: Packet; bytes: Uint8Array; retransmission: boolean; dropped: boolean;
}
export type PairEvent =
  | { t: Millis; who: 'broker'; output: BrokerOutput }
  | { t: Millis; who: string; output: ClientOutput };

interface Link { id: number; client: string; connId: string; dead: boolean; closedBy?: 'client' | 'broker' }
interface Chunk { link: Link; toBroker: boolean; record?: WireRecord; fin?: boolean }
export interface DropRule {
  type: PacketType; from?: string; to?: string; nth?: number;
  /** The packet silently vanishes and the connection lives on: not TCP, only for the legacy retry mode. */
  vanish?: boolean;
}

export class EnginePair {
  nowMs: Millis = millis(0);
  readonly broker: BrokerState;
  readonly clients: Record<string, ClientState> = {};
  readonly wire: WireRecord[] = [];
  readonly events: PairEvent[] = [];
  private readonly wake = new Map<string, Millis | undefined>();
  /** The current link of each client, and every link by connId (old ones too, for takeovers). */
  private readonly links = new Map<string, Link>();
  private readonly linksByConnId = new Map<string, Link>();
  private fifo: Chunk[] = [];
  private linkCount = 0;
  private drops: (DropRule & { seen: number })[] = [];

  constructor(options: { broker?: BrokerOptions; clients: Record<string, ClientOptions> }) {
    this.broker = createBroker(options.broker);
    for (const [name, opts] of Object.entries(options.clients)) this.clients[name] = createClient(opts);
  }

  // ---- driving ----
  connect(name: string): this {
    this.linkCount++;
    const link: Link = { id: this.linkCount, client: name, connId: `${name}#${this.linkCount}`, dead: false };
    this.links.set(name, link);
    this.linksByConnId.set(link.connId, link);
    this.stepBroker({ type: 'connectionOpened', connId: link.connId });
    this.stepClient(name, { type: 'connectionOpened' });
    return this.run();
  }

  client(name: string, input: ClientInput): this {
    this.stepClient(name, input);
    return this.run();
  }

  publish(name: string, topic: string, payload: string, qos: QoS, retain = false): this {
    return this.client(name, { type: 'appPublished', message: { topic, payload: new TextEncoder().encode(payload), qos, retain } });
  }

  /** Publishes several messages in one burst (all sent before any byte is delivered). */
  publishBurst(name: string, topic: string, payloads: string[], qos: QoS): this {
    for (const payload of payloads) {
      this.stepClient(name, { type: 'appPublished', message: { topic, payload: new TextEncoder().encode(payload), qos, retain: false } });
    }
    return this.run();
  }

  subscribe(name: string, topicFilter: string, qos: QoS): this {
    return this.client(name, { type: 'appSubscribed', subscriptions: [{ topicFilter, qos }] });
  }

  /** Bytes from the test straight into the broker on this client's current connection. */
  rawToBroker(name: string, bytes: Uint8Array): this {
    const link = this.requireLink(name);
    this.stepBroker({ type: 'bytesReceived', connId: link.connId, bytes });
    return this.run();
  }

  /** Breaks the connection of `name` now: what is in flight on it is lost; both sides notice. */
  breakLink(name: string): this {
    const link = this.links.get(name);
    if (link && !link.dead) this.kill(link);
    return this.run();
  }

  /** The next matching packet breaks its connection instead of arriving (DESIGN.md: loss). */
  dropNext(rule: DropRule): this {
    this.drops.push({ ...rule, seen: 0 });
    return this;
  }

  /** Forgets drop rules that have not fired yet (the link becomes healthy). */
  clearDrops(): this {
    this.drops = [];
    return this;
  }

  restartBroker(keepSessions: boolean): this {
    for (const link of this.links.values()) {
      if (link.dead) continue;
      link.dead = true;
      this.markPendingDropped(link);
      this.stepClient(link.client, { type: 'connectionLost' });
    }
    this.stepBroker({ type: 'restarted', keepSessions });
    return this.run();
  }

  /** Delivers every chunk in flight, in order, until nothing moves. */
  run(maxChunks = 1_000_000): this {
    for (let n = 0; this.fifo.length > 0; n++) {
      if (n > maxChunks) throw new Error('link never settled');
      this.deliver(this.fifo.shift() as Chunk);
    }
    return this;
  }

  /** Moves the clock forward by `ms`, waking engines at the times they asked for, in order. */
  advance(ms: number): this {
    const target = millis(this.nowMs + ms);
    for (let n = 0; ; n++) {
      if (n > 100_000) throw new Error('engines keep asking to be woken');
      const next = this.nextWake(target);
      if (next === undefined) break;
      this.nowMs = millis(Math.max(this.nowMs, next.at));
      if (next.who === 'broker') this.stepBroker({ type: 'timeAdvanced' });
      else this.stepClient(next.who, { type: 'timeAdvanced' });
      this.run();
    }
    this.nowMs = target;
    return this;
  }

  // ---- observing ----
  delivered(name: string): AppMessage[] {
    return this.events.flatMap((e) => (e.who === name && e.output.type === 'deliver' ? [e.output.message] : []));
  }

  deliveredText(name: string): string[] {
    return this.delivered(name).map((m) => new TextDecoder().decode(m.payload));
  }

  outputsOf(who: string): (ClientOutput | BrokerOutput)[] {
    return this.events.filter((e) => e.who === who).map((e) => e.output);
  }

  rules(key?: string): { who: string; rule: string; key: string; params: Record<string, string | number | boolean> }[] {
    return this.events.flatMap((e) => (e.output.type === 'ruleApplied' && (key === undefined || e.output.key === key)
      ? [{ who: e.who, rule: e.output.rule, key: e.output.key, params: e.output.params }] : []));
  }

  packets(filter: Partial<Pick<WireRecord, 'from' | 'to' | 'dropped'>> & { type?: PacketType } = {}): WireRecord[] {
    return this.wire.filter((r) => (filter.type === undefined || r.packet.type === filter.type)
      && (filter.from === undefined || r.from === filter.from) && (filter.to === undefined || r.to === filter.to)
      && (filter.dropped === undefined || r.dropped === filter.dropped));
  }

  connId(name: string): string {
    return this.requireLink(name).connId;
  }

  isLinkUp(name: string): boolean {
    const link = this.links.get(name);
    return link !== undefined && !link.dead;
  }

  // ---- plumbing ----
  private requireLink(name: string): Link {
    const link = this.links.get(name);
    if (!link) throw new Error(`no link for ${name}`);
    return link;
  }

  private nextWake(target: Millis): { who: string; at: Millis } | undefined {
    let best: { who: string; at: Millis } | undefined;
    for (const who of ['broker', ...Object.keys(this.clients).sort()]) {
      const at = this.wake.get(who);
      if (at !== undefined && at <= target && (best === undefined || at < best.at)) best = { who, at };
    }
    return best;
  }

  private stepClient(name: string, input: ClientInput): void {
    const state = this.clients[name];
    if (!state) throw new Error(`no client ${name}`);
    const result = clientStep(state, input, this.nowMs);
    this.wake.set(name, result.wakeAtMs);
    for (const output of result.outputs) {
      this.events.push({ t: this.nowMs, who: name, output });
      const link = this.links.get(name);
      if (!link || link.dead) continue;
      if (output.type === 'send') this.enqueue(link, true, output.packet, output.bytes, output.retransmission);
      if (output.type === 'close') this.closeFrom(link, 'client');
    }
  }

  private stepBroker(input: BrokerInput): void {
    const result = brokerStep(this.broker, input, this.nowMs);
    this.wake.set('broker', result.wakeAtMs);
    for (const output of result.outputs) {
      this.events.push({ t: this.nowMs, who: 'broker', output });
      if (output.type !== 'send' && output.type !== 'close') continue;
      const link = this.linksByConnId.get(output.connId);
      if (!link || link.dead) continue;
      if (output.type === 'send') this.enqueue(link, false, output.packet, output.bytes, output.retransmission);
      else this.closeFrom(link, 'broker');
    }
  }

  private enqueue(link: Link, toBroker: boolean, packet: Packet, bytes: Uint8Array, retransmission: boolean): void {
    if (link.closedBy === (toBroker ? 'client' : 'broker')) return; // a closed side sends nothing more
    const record: WireRecord = {
      t: this.nowMs, from: toBroker ? link.client : 'broker', to: toBroker ? 'broker' : link.client,
      packet, bytes, retransmission, dropped: false,
    };
    this.wire.push(record);
    this.fifo.push({ link, toBroker, record });
  }

  /** One side closed its socket: what it already sent still arrives, then the other side sees the end. */
  private closeFrom(link: Link, side: 'client' | 'broker'): void {
    if (link.closedBy !== undefined) return;
    link.closedBy = side;
    this.fifo.push({ link, toBroker: side === 'client', fin: true });
  }

  private deliver(chunk: Chunk): void {
    const { link, record } = chunk;
    if (link.dead) {
      if (record) record.dropped = true;
      return;
    }
    if (chunk.fin) {
      link.dead = true;
      this.markPendingDropped(link);
      if (chunk.toBroker) this.stepBroker({ type: 'connectionLost', connId: link.connId });
      else if (this.links.get(link.client) === link) this.stepClient(link.client, { type: 'connectionLost' });
      return;
    }
    if (!record) return;
    // Data towards a side that already closed its socket is lost.
    if (link.closedBy === (chunk.toBroker ? 'broker' : 'client')) {
      record.dropped = true;
      return;
    }
    const drop = this.matchingDrop(record);
    if (drop) {
      record.dropped = true;
      if (!drop.vanish) this.kill(link);
      return;
    }
    if (chunk.toBroker) this.stepBroker({ type: 'bytesReceived', connId: link.connId, bytes: record.bytes });
    else this.stepClient(link.client, { type: 'bytesReceived', bytes: record.bytes });
  }

  private matchingDrop(record: WireRecord): DropRule | undefined {
    const index = this.drops.findIndex((d) => d.type === record.packet.type
      && (d.from === undefined || d.from === record.from) && (d.to === undefined || d.to === record.to)
      && ++d.seen >= (d.nth ?? 1));
    if (index < 0) return undefined;
    return this.drops.splice(index, 1)[0];
  }

  private markPendingDropped(link: Link): void {
    for (const chunk of this.fifo) if (chunk.link === link && chunk.record) chunk.record.dropped = true;
  }

  private kill(link: Link): void {
    link.dead = true;
    this.markPendingDropped(link);
    this.stepClient(link.client, { type: 'connectionLost' });
    this.stepBroker({ type: 'connectionLost', connId: link.connId });
  }
}

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);

