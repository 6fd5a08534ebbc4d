/**
 * MQTT 5.0 section 6 (WebSocket transport) and 4.2 (network connections), proven on our broker
 * engine behind the Node bridge (tcp-broker.ts): raw WebSocket and TCP sockets, 5.0 packets
 * written and read with our codec. The engine itself is sans-I/O and never sees a transport; these
 * statements are the host's, and this is where the host keeps them.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { asPacketId, type Packet } from '../mqtt/types';
import { createReader, encode, feed } from '../mqtt/codec';
import { closeAll, HOST, onCleanup, ourBroker, text } from './interop.test-support';

afterEach(closeAll, 10_000);

const connect5 = (clientId: string): Packet => ({ type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId, cleanSession: true, keepAliveSec: 0 });
const bytesOf = (...packets: Packet[]) => Buffer.concat(packets.map((p) => encode(p, { version: 5 })));
const within = <T>(promise: Promise<T>, ms = 3000): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

/** A raw WebSocket to the broker, offering `protocols`; collects the packets it receives and whether each frame was binary. */
async function wsClient(port: number, protocols: string[] = ['mqtt']) {
  const socket = new WebSocket(`ws://${HOST}:${port}/mqtt`, protocols);
  onCleanup(async () => { socket.terminate(); });
  const reader = createReader({ version: 5 });
  const packets: Packet[] = [];
  const frames: boolean[] = [];
  let wake: () => void = () => {};
  socket.on('message', (data, isBinary) => {
    frames.push(isBinary);
    packets.push(...feed(reader, new Uint8Array(data as Buffer)).packets);
    wake();
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => { resolve(code); wake(); }));
  await within(new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); }));
  const waitFor = async (n: number): Promise<Packet[]> => {
    while (packets.length < n) await within(new Promise<void>((resolve) => { wake = resolve; }));
    return packets.slice(0, n);
  };
  return { socket, packets, frames, closed, waitFor };
}

describe('MQTT 5.0 over WebSocket: our broker behind the bridge', () => {
  it('MQTT-6.0.0-1: MQTT goes in binary frames both ways; a text frame closes the connection', async () => {
    const broker = await ourBroker({}, { wsPort: 0 });
    const c = await wsClient(broker.wsPort ?? 0);
    c.socket.send(bytesOf(connect5('ws-a')), { binary: true });
    expect((await c.waitFor(1))[0]).toMatchObject({ type: 'CONNACK', reasonCode: 0 });
    expect(c.frames).toEqual([true]);
    c.socket.send('PINGREQ, as text');
    expect(await within(c.closed)).toBe(1003);
  });

  it('MQTT-6.0.0-2: packets are not aligned on frames: one frame with three packets, and a packet cut over three frames, both work', async () => {
    const broker = await ourBroker({}, { wsPort: 0 });
    const c = await wsClient(broker.wsPort ?? 0);
    // Three packets in one frame ...
    c.socket.send(bytesOf(connect5('ws-b'), { type: 'SUBSCRIBE', packetId: asPacketId(7), subscriptions: [{ topicFilter: 'ws/t', qos: 1 }] }, { type: 'PINGREQ' }));
    expect((await c.waitFor(3)).map((p) => p.type)).toEqual(['CONNACK', 'SUBACK', 'PINGRESP']);
    // ... and one PUBLISH in three frames, cut inside its fixed header and inside its topic.
    const publish = bytesOf({ type: 'PUBLISH', topic: 'ws/t', payload: text('split'), qos: 1, dup: false, retain: false, packetId: asPacketId(1) });
    for (const part of [publish.subarray(0, 1), publish.subarray(1, 5), publish.subarray(5)]) c.socket.send(part);
    const got = await c.waitFor(5);
    expect(got.slice(3).map((p) => p.type).sort()).toEqual(['PUBACK', 'PUBLISH']);
    expect(got.find((p) => p.type === 'PUBLISH')).toMatchObject({ topic: 'ws/t', payload: text('split') });
  });

  it('MQTT-6.0.0-4: the subprotocol the server selects is "mqtt", whatever else the client offers', async () => {
    const broker = await ourBroker({}, { wsPort: 0 });
    for (const offered of [['mqtt'], ['chat', 'mqtt'], ['mqttv3.1', 'mqtt']]) {
      const c = await wsClient(broker.wsPort ?? 0, offered);
      expect(c.socket.protocol).toBe('mqtt');
    }
  });

  it('MQTT-4.2-1: the broker is served over ordered, lossless byte streams: TCP and WebSocket, one broker, a QoS 1 message across them', async () => {
    const broker = await ourBroker({}, { wsPort: 0 });
    const sub = await wsClient(broker.wsPort ?? 0);
    sub.socket.send(bytesOf(connect5('ws-sub'), { type: 'SUBSCRIBE', packetId: asPacketId(1), subscriptions: [{ topicFilter: 'x', qos: 1 }] }));
    await sub.waitFor(2);
    const tcp = net.connect(broker.port, HOST);
    onCleanup(async () => { tcp.destroy(); });
    const reader = createReader({ version: 5 });
    const fromTcp: Packet[] = [];
    const acked = new Promise<void>((resolve) => tcp.on('data', (chunk) => {
      fromTcp.push(...feed(reader, new Uint8Array(chunk)).packets);
      if (fromTcp.some((p) => p.type === 'PUBACK')) resolve();
    }));
    await within(new Promise((resolve) => tcp.once('connect', resolve)));
    // Byte by byte: a stream, not messages.
    const bytes = bytesOf(connect5('tcp-pub'), { type: 'PUBLISH', topic: 'x', payload: text('over tcp'), qos: 1, dup: false, retain: false, packetId: asPacketId(3) });
    for (const byte of bytes) tcp.write(Buffer.from([byte]));
    await within(acked);
    expect(fromTcp.map((p) => p.type)).toEqual(['CONNACK', 'PUBACK']);
    expect((await sub.waitFor(3))[2]).toMatchObject({ type: 'PUBLISH', topic: 'x', payload: text('over tcp'), qos: 1 });
  });
});
