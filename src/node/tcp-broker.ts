/**
 * The TCP bridge: serves our sans-I/O broker engine (src/mqtt/broker) to real MQTT clients
 * over node:net. This file owns every socket and the one timer; the engine owns every decision.
 *
 * Rules this file keeps:
 * - Facts in: a socket accepted -> connectionOpened, data -> bytesReceived, socket closed ->
 *   connectionLost, the timer firing -> timeAdvanced. Time is the host's monotonic clock.
 * - Instructions out, in order: send -> socket.write, close -> socket.end() (the bytes written
 *   before it still go out, e.g. a CONNACK with a refusal), then destroy.
 * - One real timer, re-armed to the engine's earliest `wakeAtMs` after every step.
 * - Loopback by default; the host decides, never the engine.
 */
import { millis } from '../mqtt/types';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { BrokerInput, BrokerOptions, BrokerOutput, BrokerState } from '../mqtt/broker';
import { brokerStep, createBroker } from '../mqtt/broker';
import { decode } from '../mqtt/codec';
import type { TraceEvent } from './trace-line';

export interface TcpBrokerOptions {
  /** 0 = an ephemeral port chosen by the OS. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Called once per packet in either direction, in wire order per connection. */
  onTrace?: (event: TraceEvent) => void;
  broker?: BrokerOptions;
}

export interface TcpBroker {
  port: number;
  host: string;
  /** The engine's state, for tests that look inside (sessions, retained, in flight). */
  state: BrokerState;
  /** Stops listening, closes every socket, disarms the timer. */
  close(): Promise<void>;
}

interface Peer {
  socket: net.Socket;
  /** Tracing only: bytes of an incomplete packet; the engine keeps its own reader. */
  pending: Uint8Array;
  name: string;
}

/** The bridge's own state beside the engine's: the open sockets and the one timer. */
interface Bridge {
  state: BrokerState;
  peers: Map<string, Peer>;
  onTrace: ((event: TraceEvent) => void) | undefined;
  timer: NodeJS.Timeout | undefined;
  timerAtMs: number | undefined;
  connCount: number;
  closed: boolean;
}

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export async function startTcpBroker(options: TcpBrokerOptions): Promise<TcpBroker> {
  const host = options.host ?? '127.0.0.1';
  const bridge: Bridge = {
    state: createBroker(options.broker), peers: new Map(), onTrace: options.onTrace,
    timer: undefined, timerAtMs: undefined, connCount: 0, closed: false,
  };
  const server = net.createServer((socket) => accept(bridge, socket));
  await listen(server, options.port, host);
  const address = server.address() as net.AddressInfo;
  return { port: address.port, host, state: bridge.state, close: () => closeBridge(bridge, server) };
}

function listen(server: net.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A socket accepted -> connectionOpened; then its data and its close become facts too. */
function accept(bridge: Bridge, socket: net.Socket): void {
  if (bridge.closed) {
    socket.destroy();
    return;
  }
  const { peers } = bridge;
  const connId = `conn-${++bridge.connCount}`;
  const peer: Peer = { socket, pending: EMPTY, name: connId };
  peers.set(connId, peer);
  socket.setNoDelay(true);
  step(bridge, { type: 'connectionOpened', connId });
  socket.on('data', (chunk: Buffer) => {
    if (peers.get(connId) !== peer) return; // closed by the broker: what follows is ignored
    received(bridge, connId, peer, new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
  });
  socket.on('error', () => { /* 'close' follows and reports the loss */ });
  socket.on('close', () => {
    if (peers.get(connId) !== peer) return;
    peers.delete(connId);
    step(bridge, { type: 'connectionLost', connId });
  });
}

/**
 * Design: when tracing, the chunk is cut into whole packets and each is stepped on its own,
 *   so every incoming packet's line comes right before the lines of what it caused.
 */
function received(bridge: Bridge, connId: string, peer: Peer, chunk: Uint8Array): void {
  const { onTrace } = bridge;
  if (!onTrace) {
    step(bridge, { type: 'bytesReceived', connId, bytes: chunk });
    return;
  }
  const bytes = peer.pending.length === 0 ? chunk : concat(peer.pending, chunk);
  let offset = 0;
  for (;;) {
    const result = decode(bytes, offset);
    if (result.kind === 'needMore') break;
    const end = result.kind === 'packet' ? offset + result.size : bytes.length;
    if (result.kind === 'packet') {
      const { packet } = result;
      const clientId = packet.type === 'CONNECT' && packet.clientId !== '' ? packet.clientId : peer.name;
      onTrace({ atMs: Date.now(), clientId, direction: 'in', packet });
    }
    step(bridge, { type: 'bytesReceived', connId, bytes: bytes.subarray(offset, end) });
    offset = end;
    if (bridge.peers.get(connId) !== peer || offset === bytes.length) break;
  }
  peer.pending = bytes.slice(offset);
}

/** Steps the engine, carries out its outputs in order, re-arms the timer. */
function step(bridge: Bridge, input: BrokerInput): void {
  const result = brokerStep(bridge.state, input, millis(performance.now()));
  for (const output of result.outputs) carryOut(bridge, output);
  arm(bridge, result.wakeAtMs);
}

/** send -> socket.write; close -> socket.end(), then destroy. Observations need nothing here. */
function carryOut(bridge: Bridge, output: BrokerOutput): void {
  if (output.type === 'ruleApplied' || output.type === 'discarded') return;
  const peer = bridge.peers.get(output.connId);
  if (!peer) return;
  if (output.type === 'send') {
    const clientId = bridge.state.connections.get(output.connId)?.clientId;
    if (clientId !== undefined) peer.name = clientId;
    bridge.onTrace?.({ atMs: Date.now(), clientId: peer.name, direction: 'out', packet: output.packet });
    if (!peer.socket.destroyed) peer.socket.write(output.bytes);
  } else {
    // The engine has already forgotten this connection: no connectionLost for it later.
    bridge.peers.delete(output.connId);
    peer.socket.end(() => peer.socket.destroy());
  }
}

/** The one timer, re-armed to the engine's `wakeAtMs` (left alone when that has not moved). */
function arm(bridge: Bridge, wakeAtMs: number | undefined): void {
  if (wakeAtMs === bridge.timerAtMs) return;
  if (bridge.timer) clearTimeout(bridge.timer);
  bridge.timer = undefined;
  bridge.timerAtMs = wakeAtMs;
  if (wakeAtMs === undefined || bridge.closed) return;
  bridge.timer = setTimeout(() => {
    bridge.timer = undefined;
    bridge.timerAtMs = undefined;
    step(bridge, { type: 'timeAdvanced' });
  }, Math.max(0, Math.ceil(wakeAtMs - performance.now())));
}

function closeBridge(bridge: Bridge, server: net.Server): Promise<void> {
  if (bridge.closed) return Promise.resolve();
  bridge.closed = true;
  arm(bridge, undefined);
  const done = new Promise<void>((resolve) => server.close(() => resolve()));
  // Stopping the bridge is not a client's failure: no connectionLost, so no wills fire.
  for (const peer of bridge.peers.values()) peer.socket.destroy();
  bridge.peers.clear();
  return done;
}
