/**
 * Shared plumbing for the interop tests: brokers and clients on 127.0.0.1, ephemeral ports
 * only, every server and socket registered here and closed by `closeAll()` in afterEach.
 * Waits are bounded: a missing message fails the test in seconds, never hangs it.
 */
import net from 'node:net';
import mqtt from 'mqtt';
import type { IClientOptions, IConnackPacket, IPublishPacket, MqttClient } from 'mqtt';
import type { BrokerOptions } from '../mqtt/broker';
import type { TcpBroker } from './tcp-broker';
import { startTcpBroker } from './tcp-broker';
import type { TraceEvent } from './trace-line';
import type { ConnectClientOptions, TcpClient } from './tcp-client';
import { connectClient } from './tcp-client';

export const HOST = '127.0.0.1';
const cleanups: (() => Promise<void>)[] = [];

/** Something to stop after the test (a process, a server), in reverse order of registration. */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

export async function closeAll(): Promise<void> {
  const all = cleanups.splice(0).reverse();
  for (const cleanup of all) await cleanup();
}

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);
export const textOf = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Our broker behind the TCP bridge, with every packet it saw recorded in `trace`. */
export async function ourBroker(options: BrokerOptions = {}, bridge: { wsPort?: number } = {}): Promise<TcpBroker & { trace: TraceEvent[] }> {
  const trace: TraceEvent[] = [];
  const broker = await startTcpBroker({ port: 0, host: HOST, onTrace: (e) => trace.push(e), broker: options, ...bridge });
  cleanups.push(() => broker.close());
  return { ...broker, trace };
}

/** aedes 1.2, a real third-party broker, served on an ephemeral loopback port. */
export async function aedesBroker(): Promise<{ port: number }> {
  const { Aedes } = await import('aedes');
  const broker = await Aedes.createBroker();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port };
}

export interface Received { topic: string; text: string; qos: number; retain: boolean; dup: boolean }

export interface JsClient {
  client: MqttClient;
  /** The CONNACK that accepted the connection (Session Present, 5.0 properties). */
  connack: IConnackPacket;
  received: Received[];
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
}

function waitUntil<T>(done: () => boolean, value: () => T, what: () => string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (done()) resolve(value());
      else if (Date.now() - started > timeoutMs) reject(new Error(what()));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

/** An MQTT.js 5 client speaking MQTT 3.1.1, never reconnecting by itself; resolves on CONNACK. */
export async function mqttJs(port: number, options: IClientOptions = {}): Promise<JsClient> {
  const client = mqtt.connect({ host: HOST, port, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 3000, keepalive: 30, ...options });
  cleanups.push(() => new Promise<void>((resolve) => client.end(true, {}, () => resolve())));
  const received: Received[] = [];
  client.on('message', (topic, payload, packet: IPublishPacket) => {
    received.push({ topic, text: payload.toString(), qos: packet.qos, retain: packet.retain, dup: packet.dup });
  });
  const connack = await new Promise<IConnackPacket>((resolve, reject) => {
    client.once('connect', (packet) => resolve(packet));
    client.once('error', reject);
    client.once('close', () => reject(new Error('closed before CONNACK')));
  });
  return {
    client, connack, received,
    waitFor: (count, timeoutMs = 3000) => waitUntil(() => received.length >= count, () => received,
      () => `waited ${timeoutMs} ms for ${count} messages, got ${JSON.stringify(received)}`, timeoutMs),
  };
}

/** Our client engine behind the Node socket adapter. */
export async function ourClient(port: number, options: Partial<ConnectClientOptions['options']> = {},
  extra: Partial<ConnectClientOptions> = {}): Promise<TcpClient> {
  const client = await connectClient({
    host: HOST, port, options: { clientId: `ours-${Math.random().toString(36).slice(2, 8)}`, cleanSession: true, keepAliveSec: 30, ...options }, ...extra,
  });
  cleanups.push(async () => {
    client.destroy();
    await client.closed;
  });
  return client;
}

/** Packets of one type in the bridge's trace, as `client-id direction type id qos dup`. */
export function traceOf(trace: TraceEvent[], types: string[]): string[] {
  return trace.filter((e) => types.includes(e.packet.type)).map((e) => {
    const p = e.packet;
    const id = 'packetId' in p && p.packetId !== undefined ? ` ${p.packetId}` : '';
    const flags = p.type === 'PUBLISH' ? ` qos=${p.qos} dup=${p.dup ? 1 : 0}` : '';
    return `${e.clientId} ${e.direction === 'in' ? '->' : '<-'} ${p.type}${id}${flags}`;
  });
}
