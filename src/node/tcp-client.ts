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
import type { ClientInput, ClientOptions, ClientState } from '../mqtt/client';
import { clientStep, createClient } from '../mqtt/client';
import type { AppMessage, SubackReturnCode, Subscription } from '../mqtt/types';

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

export function connectClient(config: ConnectClientOptions): Promise<TcpClient> {
  const state = config.state ?? createClient(config.options);
  const socket = net.connect({ host: config.host, port: config.port });
  socket.setNoDelay(true);
  const pendingPublish = new Map<AppMessage, () => void>();
  const pendingRequest = new Map<number, { resolve: (codes: SubackReturnCode[]) => void }>();
  const waiters: { count: number; resolve: () => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let socketOpen = false;
  let onConnack: ((returnCode: number, sessionPresent: boolean) => void) | undefined;

  const client: TcpClient = {
    state, sessionPresent: false, delivered: [],
    publish: (message) => new Promise((resolve) => {
      pendingPublish.set(message, resolve);
      step({ type: 'appPublished', message });
    }),
    subscribe: (subscriptions) => request({ type: 'appSubscribed', subscriptions }),
    unsubscribe: async (topicFilters) => { await request({ type: 'appUnsubscribed', topicFilters }); },
    waitForDeliveries: (count, timeoutMs = 3000) => new Promise((resolve, reject) => {
      const waiter = { count, resolve: () => { clearTimeout(t); resolve(client.delivered); } };
      const t = setTimeout(() => reject(new Error(`waited ${timeoutMs} ms for ${count} deliveries, got ${client.delivered.length}`)), timeoutMs);
      waiters.push(waiter);
      settleWaiters();
    }),
    disconnect: () => {
      step({ type: 'appDisconnected' });
      return client.closed;
    },
    destroy: () => socket.destroy(),
    closed: new Promise((resolve) => socket.once('close', () => resolve())),
  };

  function settleWaiters(): void {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (client.delivered.length >= waiters[i].count) waiters.splice(i, 1)[0].resolve();
    }
  }

  function request(input: ClientInput): Promise<SubackReturnCode[]> {
    return new Promise((resolve) => {
      const sent = step(input);
      const packet = sent.find((p) => p.type === 'SUBSCRIBE' || p.type === 'UNSUBSCRIBE');
      if (packet) pendingRequest.set(packet.packetId, { resolve });
    });
  }

  function arm(wakeAtMs: number | undefined): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (wakeAtMs === undefined || !socketOpen) return;
    timer = setTimeout(() => step({ type: 'timeAdvanced' }), Math.max(0, Math.ceil(wakeAtMs - performance.now())));
  }

  /** Steps the engine, carries out its outputs; returns the packets it sent. */
  function step(input: ClientInput) {
    const result = clientStep(state, input, performance.now());
    const sent = [];
    for (const output of result.outputs) {
      switch (output.type) {
        case 'send':
          sent.push(output.packet);
          if (socketOpen) socket.write(output.bytes);
          break;
        case 'close':
          socketOpen = false;
          socket.end(() => socket.destroy());
          break;
        case 'connected':
          client.sessionPresent = output.sessionPresent;
          onConnack?.(output.returnCode, output.sessionPresent);
          break;
        case 'deliver':
          client.delivered.push(output.message);
          config.onDeliver?.(output.message);
          settleWaiters();
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
        case 'ruleApplied':
          break;
      }
    }
    arm(result.wakeAtMs);
    return sent;
  }

  socket.on('data', (chunk: Buffer) => step({ type: 'bytesReceived', bytes: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length) }));
  socket.on('error', () => { /* 'close' follows */ });
  socket.on('close', () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const wasOpen = socketOpen;
    socketOpen = false;
    if (wasOpen) step({ type: 'connectionLost' });
  });

  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no CONNACK from ${config.host}:${config.port} within ${config.timeoutMs ?? 5000} ms`));
    }, config.timeoutMs ?? 5000);
    socket.once('close', () => {
      clearTimeout(timeout);
      reject(new Error(`connection to ${config.host}:${config.port} closed before CONNACK`));
    });
    onConnack = (returnCode) => {
      clearTimeout(timeout);
      if (returnCode === 0) resolve(client);
      else reject(new Error(`broker refused the connection: CONNACK return code ${returnCode}`));
    };
    socket.once('connect', () => {
      socketOpen = true;
      step({ type: 'connectionOpened' });
    });
  });
}
