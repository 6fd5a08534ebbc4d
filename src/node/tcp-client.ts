/**
 * A Node socket adapter for our sans-I/O client engine (src/mqtt/client): one TCP connection
 * to a real broker, the engine making every decision.
 *
 * Rules this file keeps:
 * - Facts in: connected -> connectionOpened, data -> bytesReceived, socket closed ->
 *   connectionLost, the timer -> timeAdvanced, API calls -> app* inputs.
 * - Instructions out: send -> socket.write, close -> socket.end(); observations settle the
 *   promises of publish / subscribe and feed `onDeliver`.
 * - The session state outlives the socket: pass `state` back to `connectClient` to resume a
 *   cleanSession=0 session on a new connection (MQTT-4.4.0-1 re-sends happen in the engine).
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { ClientInput, ClientOptions, ClientOutput, ClientState } from '../mqtt/client';
import { clientStep, createClient } from '../mqtt/client';
import { millis, type AppMessage, type Packet, type PacketId, type SubackReturnCode, type Subscription } from '../mqtt/types';

export interface ConnectClientOptions {
  host: string;
  port: number;
  options: ClientOptions;
  /** A session from an earlier connection, to resume it; `options` is then ignored. */
  state?: ClientState;
  onDeliver?: (message: AppMessage) => void;
  /** Rejects the connect promise when no CONNACK comes in time. Default 5000. */
  timeoutMs?: number;
}

export interface TcpClient {
  state: ClientState;
  sessionPresent: boolean;
  /** Every message delivered to the application, in order. */
  delivered: AppMessage[];
  /** Resolves when the flow completes: sent (QoS 0), PUBACK (1) or PUBCOMP (2). */
  publish(message: AppMessage): Promise<void>;
  /** Resolves with SUBACK's return codes. */
  subscribe(subscriptions: Subscription[]): Promise<SubackReturnCode[]>;
  unsubscribe(topicFilters: string[]): Promise<void>;
  /** Resolves once `count` messages in all have been delivered, or rejects after `timeoutMs`. */
  waitForDeliveries(count: number, timeoutMs?: number): Promise<AppMessage[]>;
  /** DISCONNECT, then close: the broker discards the will. */
  disconnect(): Promise<void>;
  /** Drops the TCP connection without DISCONNECT (the broker publishes the will). */
  destroy(): void;
  /** Resolves when the socket has closed, for whatever reason. */
  closed: Promise<void>;
}

/** One connection as the adapter sees it: the engine's session, the socket, and who waits for what. */
interface Link {
  config: ConnectClientOptions;
  state: ClientState;
  socket: net.Socket;
  client: TcpClient;
  socketOpen: boolean;
  timer: NodeJS.Timeout | undefined;
  onConnack: ((returnCode: number, sessionPresent: boolean) => void) | undefined;
  pendingPublish: Map<AppMessage, () => void>;
  pendingRequest: Map<PacketId, { resolve: (codes: SubackReturnCode[]) => void }>;
  waiters: { count: number; resolve: () => void }[];
}

export function connectClient(config: ConnectClientOptions): Promise<TcpClient> {
  const link = openLink(config);
  feedSocketToEngine(link);
  return untilConnack(link);
}

/** Opens the socket and builds the API over it (its methods reach `link` only when called). */
function openLink(config: ConnectClientOptions): Link {
  const state = config.state ?? createClient(config.options);
  const socket = net.connect({ host: config.host, port: config.port });
  socket.setNoDelay(true);
  const link: Link = {
    config, state, socket, socketOpen: false, timer: undefined, onConnack: undefined,
    pendingPublish: new Map(), pendingRequest: new Map(), waiters: [],
    client: {
      state, sessionPresent: false, delivered: [],
      publish: (message) => new Promise((resolve) => {
        link.pendingPublish.set(message, resolve);
        step(link, { type: 'appPublished', message });
      }),
      subscribe: (subscriptions) => request(link, { type: 'appSubscribed', subscriptions }),
      unsubscribe: async (topicFilters) => { await request(link, { type: 'appUnsubscribed', topicFilters }); },
      waitForDeliveries: (count, timeoutMs = 3000) => waitForDeliveries(link, count, timeoutMs),
      disconnect: () => {
        step(link, { type: 'appDisconnected' });
        return link.client.closed;
      },
      destroy: () => socket.destroy(),
      closed: new Promise((resolve) => socket.once('close', () => resolve())),
    },
  };
  return link;
}

/** Facts from the socket: data -> bytesReceived, closed while open -> connectionLost. */
function feedSocketToEngine(link: Link): void {
  const { socket } = link;
  socket.on('data', (chunk: Buffer) => step(link, { type: 'bytesReceived', bytes: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length) }));
  socket.on('error', () => { /* 'close' follows */ });
  socket.on('close', () => {
    if (link.timer) clearTimeout(link.timer);
    link.timer = undefined;
    const wasOpen = link.socketOpen;
    link.socketOpen = false;
    if (wasOpen) step(link, { type: 'connectionLost' });
  });
}

/** Connected -> connectionOpened; resolves on CONNACK 0, rejects on a refusal, a close or the timeout. */
function untilConnack(link: Link): Promise<TcpClient> {
  const { config, socket } = link;
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no CONNACK from ${config.host}:${config.port} within ${config.timeoutMs ?? 5000} ms`));
    }, config.timeoutMs ?? 5000);
    socket.once('close', () => {
      clearTimeout(timeout);
      reject(new Error(`connection to ${config.host}:${config.port} closed before CONNACK`));
    });
    link.onConnack = (returnCode) => {
      clearTimeout(timeout);
      if (returnCode === 0) resolve(link.client);
      else reject(new Error(`broker refused the connection: CONNACK return code ${returnCode}`));
    };
    socket.once('connect', () => {
      link.socketOpen = true;
      step(link, { type: 'connectionOpened' });
    });
  });
}

/** Steps the engine, carries out its outputs, re-arms the timer; returns the packets it sent. */
function step(link: Link, input: ClientInput): Packet[] {
  const result = clientStep(link.state, input, millis(performance.now()));
  const sent: Packet[] = [];
  for (const output of result.outputs) {
    if (output.type === 'send') {
      sent.push(output.packet);
      if (link.socketOpen) link.socket.write(output.bytes);
    } else if (output.type === 'close') {
      link.socketOpen = false;
      link.socket.end(() => link.socket.destroy());
    } else {
      observe(link, output);
    }
  }
  arm(link, result.wakeAtMs);
  return sent;
}

/** An observation from the engine settles whatever waits for it. */
function observe(link: Link, output: ClientOutput): void {
  const { client, pendingPublish, pendingRequest } = link;
  switch (output.type) {
    case 'connected':
      client.sessionPresent = output.sessionPresent;
      link.onConnack?.(output.returnCode, output.sessionPresent);
      break;
    case 'deliver':
      client.delivered.push(output.message);
      link.config.onDeliver?.(output.message);
      settleWaiters(link);
      break;
    case 'published':
      pendingPublish.get(output.message)?.();
      pendingPublish.delete(output.message);
      break;
    case 'subscribed':
      pendingRequest.get(output.packetId)?.resolve(output.returnCodes);
      pendingRequest.delete(output.packetId);
      break;
    case 'unsubscribed':
      pendingRequest.get(output.packetId)?.resolve([]);
      pendingRequest.delete(output.packetId);
      break;
  }
}

/** The one timer: fires timeAdvanced at the engine's `wakeAtMs`, only while the socket is open. */
function arm(link: Link, wakeAtMs: number | undefined): void {
  if (link.timer) clearTimeout(link.timer);
  link.timer = undefined;
  if (wakeAtMs === undefined || !link.socketOpen) return;
  link.timer = setTimeout(() => step(link, { type: 'timeAdvanced' }), Math.max(0, Math.ceil(wakeAtMs - performance.now())));
}

/** SUBSCRIBE or UNSUBSCRIBE: resolves with the return codes of its SUBACK ([] for UNSUBACK). */
function request(link: Link, input: ClientInput): Promise<SubackReturnCode[]> {
  return new Promise((resolve) => {
    const sent = step(link, input);
    const packet = sent.find((p) => p.type === 'SUBSCRIBE' || p.type === 'UNSUBSCRIBE');
    if (packet) link.pendingRequest.set(packet.packetId, { resolve });
  });
}

function waitForDeliveries(link: Link, count: number, timeoutMs: number): Promise<AppMessage[]> {
  const { client } = link;
  return new Promise((resolve, reject) => {
    const waiter = { count, resolve: () => { clearTimeout(t); resolve(client.delivered); } };
    const t = setTimeout(() => reject(new Error(`waited ${timeoutMs} ms for ${count} deliveries, got ${client.delivered.length}`)), timeoutMs);
    link.waiters.push(waiter);
    settleWaiters(link);
  });
}

function settleWaiters(link: Link): void {
  const { waiters, client } = link;
  for (let i = waiters.length - 1; i >= 0; i--) {
    if (client.delivered.length >= waiters[i].count) waiters.splice(i, 1)[0].resolve();
  }
}
