/**
 * A deterministic world for the live session's unit tests: a manual clock, and fake WebSockets
 * to an in-process broker (our broker engine) with a fixed latency. The broker's bytes can be cut
 * into frames of any size, or several packets joined in one frame, as real WebSocket servers do.
 */
import { brokerStep, createBroker, type BrokerOptions, type BrokerState } from '../../mqtt/broker';
import { decode, encode } from '../../mqtt/codec';
import { millis, type ConnackPacket } from '../../mqtt/types';
import type { LiveClock, LiveSocket, LiveTimer, OpenSocket } from './ports';
import { concatBytes } from '../../mqtt/codec';

interface Timer { at: number; seq: number; fn: () => void; cancelled: boolean }

export class ManualClock implements LiveClock {
  private t = 1000;
  private seq = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, ms: number): LiveTimer {
    const timer: Timer = { at: this.t + Math.max(0, ms), seq: this.seq++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => { timer.cancelled = true; } };
  }

  /** Runs every timer due within `ms`, in time order, then moves the clock to the end. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.nextDue(end);
      if (!next) break;
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }

  /** Advances in small steps until `done()` holds; throws after `maxMs`. */
  until(done: () => boolean, maxMs = 60_000, stepMs = 5): void {
    const start = this.t;
    while (!done()) {
      if (this.t - start > maxMs) throw new Error(`not done within ${maxMs} ms of fake time`);
      this.advance(stepMs);
    }
  }

  private nextDue(end: number): Timer | undefined {
    this.timers = this.timers.filter((t) => !t.cancelled);
    let best: Timer | undefined;
    for (const t of this.timers) if (t.at <= end && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    if (best) this.timers.splice(this.timers.indexOf(best), 1);
    return best;
  }
}

export type Framing = 'whole' | 'bytewise' | 'joined' | 'split3';

export interface FakeBrokerOptions {
  latencyMs?: number;
  framing?: Framing;
  /** No one listens: every socket errors and closes. */
  down?: boolean;
  /** Answer every CONNECT with this CONNACK, then close. */
  refuseWith?: ConnackPacket;
  /** Open the WebSocket, then close it at once, before any CONNACK. */
  closeBeforeConnack?: boolean;
  broker?: BrokerOptions;
}

interface Conn { id: string; socket: LiveSocket; open: boolean; clientClosed: boolean }

/** Our broker engine behind fake WebSockets; `opened` lists every URL asked for. */
export class FakeBroker {
  readonly state: BrokerState;
  readonly opened: { url: string; protocol: string }[] = [];
  private readonly conns = new Map<string, Conn>();
  private count = 0;
  private readonly latency: number;

  constructor(private readonly clock: ManualClock, private readonly options: FakeBrokerOptions = {}) {
    this.state = createBroker(options.broker);
    this.latency = options.latencyMs ?? 10;
  }

  get openSocket(): OpenSocket {
    return (url, protocol) => this.open(url, protocol);
  }

  /** Connections the broker holds open now. */
  get openConnections(): number {
    return [...this.conns.values()].filter((c) => c.open).length;
  }

  private later(fn: () => void): void {
    this.clock.setTimer(fn, this.latency);
  }

  private open(url: string, protocol: string): LiveSocket {
    this.opened.push({ url, protocol });
    const id = `c${++this.count}`;
    const socket: LiveSocket = {
      protocol: 'mqtt',
      send: (bytes) => {
        if (conn.clientClosed) throw new Error('send after close');
        const copy = bytes.slice();
        this.later(() => this.fromClient(id, copy));
      },
      close: () => {
        if (conn.clientClosed) return;
        conn.clientClosed = true;
        this.later(() => this.clientGone(id));
      },
      onOpen: () => {}, onMessage: () => {}, onClose: () => {}, onError: () => {},
    };
    const conn: Conn = { id, socket, open: false, clientClosed: false };
    this.conns.set(id, conn);
    this.later(() => {
      if (conn.clientClosed) return;
      if (this.options.down) {
        socket.onError();
        socket.onClose(1006);
        return;
      }
      conn.open = true;
      socket.onOpen();
      if (this.options.closeBeforeConnack) {
        this.later(() => this.serverClose(id));
        return;
      }
      if (!this.options.refuseWith) this.step({ type: 'connectionOpened', connId: id });
    });
    return socket;
  }

  /** The client still listens on this connection (events to a client that closed its end are not delivered). */
  private live(id: string): boolean {
    const c = this.conns.get(id);
    return !!c && !c.clientClosed;
  }

  private fromClient(id: string, bytes: Uint8Array): void {
    const conn = this.conns.get(id);
    if (!conn || !conn.open) return;
    if (this.options.refuseWith) {
      const first = decode(bytes, 0);
      if (first.kind === 'packet' && first.packet.type === 'CONNECT') {
        const version = first.packet.protocolLevel === 5 ? 5 : 4;
        this.toClient(id, [encode(this.options.refuseWith, { version })]);
        this.later(() => this.serverClose(id));
      }
      return;
    }
    this.step({ type: 'bytesReceived', connId: id, bytes });
  }

  private clientGone(id: string): void {
    const conn = this.conns.get(id);
    if (!conn || !conn.open) return;
    conn.open = false;
    if (!this.options.refuseWith && !this.options.closeBeforeConnack) this.step({ type: 'connectionLost', connId: id });
  }

  /** The broker closes a connection: the client hears of it after the latency. */
  private serverClose(id: string): void {
    const conn = this.conns.get(id);
    if (!conn || !conn.open) return;
    conn.open = false;
    this.later(() => {
      if (this.live(id)) conn.socket.onClose(1000);
    });
  }

  private step(input: Parameters<typeof brokerStep>[1]): void {
    const result = brokerStep(this.state, input, millis(this.clock.now()));
    const out = new Map<string, Uint8Array[]>();
    for (const o of result.outputs) {
      if (o.type === 'send') {
        const list = out.get(o.connId) ?? [];
        list.push(o.bytes);
        out.set(o.connId, list);
      } else if (o.type === 'close') {
        const pending = out.get(o.connId) ?? [];
        out.delete(o.connId);
        if (pending.length) this.toClient(o.connId, pending);
        this.serverClose(o.connId);
      }
    }
    for (const [id, chunks] of out) this.toClient(id, chunks);
  }

  /** The broker's packets to a client, framed as the options say. */
  private toClient(id: string, packets: Uint8Array[]): void {
    const conn = this.conns.get(id);
    if (!conn) return;
    const all = concatBytes(...packets);
    let frames: Uint8Array[];
    switch (this.options.framing ?? 'whole') {
      case 'whole': frames = packets; break;
      case 'joined': frames = [all]; break;
      case 'bytewise': frames = [...all].map((b) => Uint8Array.of(b)); break;
      case 'split3': frames = []; for (let i = 0; i < all.length; i += 3) frames.push(all.slice(i, i + 3)); break;
    }
    this.later(() => {
      for (const frame of frames) {
        if (!this.live(id)) return;
        conn.socket.onMessage(frame, true);
      }
    });
  }

  /** The network breaks a connection from the broker's side (a reset): both ends hear of it. */
  reset(clientId: string): void {
    for (const [id, conn] of this.conns) {
      if (!conn.open || this.state.connections.get(id)?.clientId !== clientId) continue;
      conn.open = false;
      this.step({ type: 'connectionLost', connId: id });
      this.later(() => {
        if (this.live(id)) conn.socket.onClose(1006);
      });
    }
  }
}

