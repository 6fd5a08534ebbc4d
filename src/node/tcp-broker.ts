/**
 * The TCP bridge: serves our sans-I/O broker engine (src/mqtt/broker) to real MQTT clients
 * over node:net, and over WebSocket when asked (`wsPort`: MQTT over WebSocket, subprotocol
 * `mqtt`, one binary message any number of bytes of the stream, as mosquitto's and EMQX's
 * websockets listeners do). This file owns every socket and the one timer; the engine owns
 * every decision.
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
import { WebSocketServer, type WebSocket } from 'ws';
import type { BrokerInput, BrokerOptions, BrokerOutput, BrokerState } from '../mqtt/broker';
import { brokerStep, createBroker } from '../mqtt/broker';
import { decode } from '../mqtt/codec';
import type { TraceEvent } from './trace-line';
import { concatBytes } from '../mqtt/codec';

export interface TcpBrokerOptions {
  /** 0 = an ephemeral port chosen by the OS. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Also serve MQTT over WebSocket on this port (0 = ephemeral), on the same host. */
  wsPort?: number;
  /** Called once per packet in either direction, in wire order per connection. */
  onTrace?: (event: TraceEvent) => void;
  broker?: BrokerOptions;
}

export interface TcpBroker {
  port: number;
  /** The WebSocket port, when `wsPort` was given. */
  wsPort?: number;
  host: string;
  /** The engine's state, for tests that look inside (sessions, retained, in flight). */
  state: BrokerState;
  /** Stops listening, closes every socket, disarms the timer. */
  close(): Promise<void>;
}

/** What the bridge needs of a connection, whichever transport carries it. */
interface Transport {
  write(bytes: Uint8Array): void;
  /** Close after what was written (a CONNACK with a refusal still goes out). */
  end(): void;
  destroy(): void;
}

interface Peer {
  socket: Transport;
  /** Tracing only: bytes of an incomplete packet; the engine keeps its own reader. */
  pending: Uint8Array;
  /** Tracing only: the protocol level the client's CONNECT named (4 = 3.1.1, 5 = 5.0). */
  version: 4 | 5;
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


export async function startTcpBroker(options: TcpBrokerOptions): Promise<TcpBroker> {
  const host = options.host ?? '127.0.0.1';
  const bridge: Bridge = {
    state: createBroker(options.broker), peers: new Map(), onTrace: options.onTrace,
    timer: undefined, timerAtMs: undefined, connCount: 0, closed: false,
  };
  const server = net.createServer((socket) => acceptTcp(bridge, socket));
  await listen(server, options.port, host);
  const address = server.address() as net.AddressInfo;
  const ws = options.wsPort === undefined ? undefined : await listenWebSocket(bridge, options.wsPort, host);
  return {
    port: address.port, host, state: bridge.state, ...(ws && { wsPort: (ws.address() as net.AddressInfo).port }),
    close: async () => {
      await Promise.all([closeBridge(bridge, server), ws && new Promise<void>((resolve) => ws.close(() => resolve()))]);
    },
  };
}

/** MQTT over WebSocket: subprotocol `mqtt` (MQTT 3.1.1 section 6, 5.0 section 6), binary messages only. */
async function listenWebSocket(bridge: Bridge, port: number, host: string): Promise<WebSocketServer> {
  const wss = new WebSocketServer({
    port, host,
    // MQTT-6.0.0-3 (5.0: MQTT-6.0.0-4): the server selects 'mqtt' (older clients offer 'mqttv3.1').
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : protocols.has('mqttv3.1') ? 'mqttv3.1' : false),
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => { wss.off('error', reject); resolve(); });
  });
  wss.on('connection', (socket) => acceptWebSocket(bridge, socket));
  return wss;
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

/** A connection accepted -> connectionOpened; its data and its close become facts through the returned callbacks. */
function accept(bridge: Bridge, socket: Transport): { data(chunk: Uint8Array): void; closed(): void } | undefined {
  if (bridge.closed) {
    socket.destroy();
    return undefined;
  }
  const { peers } = bridge;
  const connId = `conn-${++bridge.connCount}`;
  const peer: Peer = { socket, pending: EMPTY, version: 4, name: connId };
  peers.set(connId, peer);
  step(bridge, { type: 'connectionOpened', connId });
  return {
    data(chunk) {
      if (peers.get(connId) !== peer) return; // closed by the broker: what follows is ignored
      received(bridge, connId, peer, chunk);
    },
    closed() {
      if (peers.get(connId) !== peer) return;
      peers.delete(connId);
      step(bridge, { type: 'connectionLost', connId });
    },
  };
}

function acceptTcp(bridge: Bridge, socket: net.Socket): void {
  socket.setNoDelay(true);
  const conn = accept(bridge, {
    write: (bytes) => { if (!socket.destroyed) socket.write(bytes); },
    end: () => socket.end(() => socket.destroy()),
    destroy: () => socket.destroy(),
  });
  if (!conn) return;
  socket.on('data', (chunk: Buffer) => conn.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
  socket.on('error', () => { /* 'close' follows and reports the loss */ });
  socket.on('close', () => conn.closed());
}

function acceptWebSocket(bridge: Bridge, socket: WebSocket): void {
  const conn = accept(bridge, {
    write: (bytes) => { if (socket.readyState === socket.OPEN) socket.send(bytes, { binary: true }); },
    end: () => socket.close(1000),
    destroy: () => socket.terminate(),
  });
  if (!conn) return;
  socket.on('message', (data, isBinary) => {
    // MQTT-6.0.0-1: MQTT travels in binary frames; a text frame closes the connection.
    if (!isBinary) return socket.close(1003, 'MQTT over WebSocket uses binary frames');
    const chunks = Array.isArray(data) ? data : [data instanceof ArrayBuffer ? Buffer.from(data) : data];
    for (const chunk of chunks) conn.data(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
  });
  socket.on('error', () => { /* 'close' follows and reports the loss */ });
  socket.on('close', () => conn.closed());
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
  const bytes = peer.pending.length === 0 ? chunk : concatBytes(peer.pending, chunk);
  let offset = 0;
  for (;;) {
    const result = decode(bytes, offset, { version: peer.version });
    if (result.kind === 'needMore') break;
    const end = result.kind === 'packet' ? offset + result.size : bytes.length;
    if (result.kind === 'packet') {
      const { packet } = result;
      if (packet.type === 'CONNECT' && packet.protocolLevel === 5) peer.version = 5;
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
    peer.socket.write(output.bytes);
  } else {
    // The engine has already forgotten this connection: no connectionLost for it later.
    bridge.peers.delete(output.connId);
    peer.socket.end();
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
