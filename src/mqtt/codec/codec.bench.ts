/**
 * Codec throughput side by side with mqtt-packet 9.0.2 (Node only; `npm run bench` prints
 * the ratio). Each task runs a batch of operations, so timer overhead does not flatten the
 * numbers; rows are operations (packets) per second. benchCodec: MQTT 3.1.1; benchCodec5:
 * MQTT 5.0 against mqtt-packet's protocolVersion 5. Which choices in the codec these rows
 * show, and what each bought: ../PERFORMANCE.md.
 */
import { pathToFileURL } from 'node:url';
import mqttPacket from 'mqtt-packet';
import { Bench } from 'tinybench';
import { asPacketId, type Packet } from '../types';
import { createReader, decode, encode, feed } from './index';

import type { BenchRow } from '../../bench-row';

const BATCH = 200;
const topic = 'lab/sensors/temperature';
const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff);

const cases: [name: string, packets: Packet[]][] = [
  ['PUBLISH QoS 0 16 B', [{ type: 'PUBLISH', topic, payload: bytesOf(16), qos: 0, dup: false, retain: false }]],
  ['PUBLISH QoS 0 1 KiB', [{ type: 'PUBLISH', topic, payload: bytesOf(1024), qos: 0, dup: false, retain: false }]],
  ['PUBLISH QoS 2 16 B', [{ type: 'PUBLISH', topic, payload: bytesOf(16), qos: 2, dup: false, retain: false, packetId: asPacketId(4242) }]],
  ['PUBLISH QoS 2 1 KiB', [{ type: 'PUBLISH', topic, payload: bytesOf(1024), qos: 2, dup: false, retain: false, packetId: asPacketId(4242) }]],
  ['PUBACK/PUBREC/PUBREL/PUBCOMP', (['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'] as const).map((type, i) => ({ type, packetId: asPacketId(100 + i) }))],
  ['SUBSCRIBE', [{ type: 'SUBSCRIBE', packetId: asPacketId(7), subscriptions: [{ topicFilter: 'lab/+/temperature', qos: 1 }, { topicFilter: 'lab/#', qos: 2 }] }]],
];

/** The same packet in mqtt-packet's shape (messageId, Buffer payloads). */
function toTheirs(p: Packet): mqttPacket.Packet {
  switch (p.type) {
    case 'PUBLISH': return { cmd: 'publish', topic: p.topic, payload: Buffer.from(p.payload), qos: p.qos, dup: p.dup, retain: p.retain, ...(p.packetId !== undefined && { messageId: p.packetId }) };
    case 'SUBSCRIBE': return { cmd: 'subscribe', messageId: p.packetId, subscriptions: p.subscriptions.map((s) => ({ topic: s.topicFilter, qos: s.qos })) };
    case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP':
      return { cmd: p.type.toLowerCase(), messageId: p.packetId } as mqttPacket.Packet;
    default: throw new Error(`no bench mapping for ${p.type}`);
  }
}

/** Operations per second of `fn`, which performs `ops` operations per call. */
async function opsPerSec(fn: () => void, ops: number): Promise<number> {
  const bench = new Bench({ time: 400, warmupTime: 100 });
  bench.add('task', fn);
  await bench.run();
  const result = bench.tasks[0].result;
  if (!('latency' in result)) throw new Error(`bench task ended ${result.state}`);
  return (ops * 1000) / result.latency.mean;
}

let sink = 0; // keeps results observable so the JIT cannot drop the work

export async function benchCodec(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [name, packets] of cases) {
    const theirs = packets.map(toTheirs);
    const n = packets.length;
    rows.push({
      name: `encode ${name}`, unit: 'packets/s',
      ours: await opsPerSec(() => { for (let i = 0; i < BATCH; i++) sink += encode(packets[i % n]).length; }, BATCH),
      reference: await opsPerSec(() => { for (let i = 0; i < BATCH; i++) sink += mqttPacket.generate(theirs[i % n]).length; }, BATCH),
    });
    const wire = packets.map(encode);
    const wireBuffers = wire.map((b) => Buffer.from(b));
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', () => { sink++; });
    rows.push({
      name: `decode ${name}`, unit: 'packets/s',
      ours: await opsPerSec(() => { for (let i = 0; i < BATCH; i++) { const r = decode(wire[i % n]); if (r.kind === 'packet') sink++; } }, BATCH),
      reference: await opsPerSec(() => { for (let i = 0; i < BATCH; i++) parser.parse(wireBuffers[i % n]); }, BATCH),
    });
  }
  rows.push(await streamRow());
  return rows;
}

/** 10,000 mixed packets as one byte stream, cut into TCP-segment-sized chunks (1,460 B). */
async function streamRow(): Promise<BenchRow> {
  const mix = cases.flatMap(([, packets]) => packets);
  const stream = Buffer.concat(Array.from({ length: 10_000 }, (_, i) => encode(mix[(i * 7) % mix.length])));
  const chunks: Uint8Array[] = [];
  for (let pos = 0; pos < stream.length; pos += 1460) chunks.push(new Uint8Array(stream.subarray(pos, pos + 1460)));
  const bufferChunks = chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.length));
  return {
    name: 'stream of 10,000 mixed packets in 1,460 B chunks', unit: 'packets/s',
    ours: await opsPerSec(() => {
      const reader = createReader();
      for (const chunk of chunks) sink += feed(reader, chunk).packets.length;
    }, 10_000),
    reference: await opsPerSec(() => {
      const parser = mqttPacket.parser({ protocolVersion: 4 });
      parser.on('packet', () => { sink++; });
      for (const chunk of bufferChunks) parser.parse(chunk);
    }, 10_000),
  };
}

// ---- MQTT 5.0 ----

const V5 = { version: 5 } as const;
const text = (s: string) => new TextEncoder().encode(s);

/** Each 5.0 case: our packets, and the same packets in mqtt-packet's shape. */
const cases5: [name: string, packets: Packet[], theirs: Record<string, unknown>[]][] = [
  ['PUBLISH QoS 1 16 B, 4 properties', [{
    type: 'PUBLISH', topic, payload: bytesOf(16), qos: 1, dup: false, retain: false, packetId: asPacketId(4242),
    properties: { payloadFormatIndicator: 1, messageExpiryInterval: 60, contentType: 'text/plain', userProperties: [['unit', 'C']] },
  }], [{
    cmd: 'publish', topic, payload: Buffer.from(bytesOf(16)), qos: 1, dup: false, retain: false, messageId: 4242,
    properties: { payloadFormatIndicator: true, messageExpiryInterval: 60, contentType: 'text/plain', userProperties: { unit: 'C' } },
  }]],
  ['PUBACK/PUBREC/PUBREL/PUBCOMP with reason codes', [
    { type: 'PUBACK', packetId: asPacketId(100), reasonCode: 0x10 },
    { type: 'PUBREC', packetId: asPacketId(101), reasonCode: 0x97, properties: { reasonString: 'quota' } },
    { type: 'PUBREL', packetId: asPacketId(102), reasonCode: 0x92 },
    { type: 'PUBCOMP', packetId: asPacketId(103), reasonCode: 0x00 },
  ], [
    { cmd: 'puback', messageId: 100, reasonCode: 0x10 },
    { cmd: 'pubrec', messageId: 101, reasonCode: 0x97, properties: { reasonString: 'quota' } },
    { cmd: 'pubrel', messageId: 102, reasonCode: 0x92 },
    { cmd: 'pubcomp', messageId: 103, reasonCode: 0x00 },
  ]],
  ['CONNECT with properties and a will', [{
    type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'lab-publisher-1', cleanSession: false, keepAliveSec: 60,
    properties: { sessionExpiryInterval: 3600, receiveMaximum: 20, maximumPacketSize: 65_536, topicAliasMaximum: 10, userProperties: [['app', 'lab']] },
    will: { topic: 'lab/status', payload: text('offline'), qos: 1, retain: true, properties: { willDelayInterval: 5, contentType: 'text/plain' } },
    username: 'learner', password: text('secret'),
  }], [{
    cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'lab-publisher-1', clean: false, keepalive: 60,
    properties: { sessionExpiryInterval: 3600, receiveMaximum: 20, maximumPacketSize: 65_536, topicAliasMaximum: 10, userProperties: { app: 'lab' } },
    will: { topic: 'lab/status', payload: Buffer.from('offline'), qos: 1, retain: true, properties: { willDelayInterval: 5, contentType: 'text/plain' } },
    username: 'learner', password: Buffer.from('secret'),
  }]],
  ['SUBSCRIBE with options and an identifier', [{
    type: 'SUBSCRIBE', packetId: asPacketId(7), properties: { subscriptionIdentifier: 7 }, subscriptions: [
      { topicFilter: 'lab/+/temperature', qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 1 },
      { topicFilter: 'lab/#', qos: 2, noLocal: false, retainAsPublished: false, retainHandling: 2 },
    ],
  }], [{
    cmd: 'subscribe', messageId: 7, properties: { subscriptionIdentifier: 7 }, subscriptions: [
      { topic: 'lab/+/temperature', qos: 1, nl: true, rap: true, rh: 1 },
      { topic: 'lab/#', qos: 2, nl: false, rap: false, rh: 2 },
    ],
  }]],
];

export async function benchCodec5(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const opts = { protocolVersion: 5 as const };
  for (const [name, packets, theirObjects] of cases5) {
    const theirs = theirObjects as unknown as mqttPacket.Packet[];
    const n = packets.length;
    rows.push({
      name: `5.0 encode ${name}`, unit: 'packets/s',
      ours: await opsPerSec(() => { for (let i = 0; i < BATCH; i++) sink += encode(packets[i % n], V5).length; }, BATCH),
      reference: await opsPerSec(() => { for (let i = 0; i < BATCH; i++) sink += mqttPacket.generate(theirs[i % n], opts).length; }, BATCH),
    });
    const wire = packets.map((p) => encode(p, V5));
    const wireBuffers = wire.map((b) => Buffer.from(b));
    const parser = mqttPacket.parser(opts);
    parser.on('packet', () => { sink++; });
    rows.push({
      name: `5.0 decode ${name}`, unit: 'packets/s',
      ours: await opsPerSec(() => { for (let i = 0; i < BATCH; i++) { const r = decode(wire[i % n], 0, V5); if (r.kind === 'packet') sink++; } }, BATCH),
      reference: await opsPerSec(() => { for (let i = 0; i < BATCH; i++) parser.parse(wireBuffers[i % n]); }, BATCH),
    });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log('| row | ours | mqtt-packet | unit | ratio |\n| --- | ---: | ---: | --- | ---: |');
  for (const r of [...await benchCodec(), ...await benchCodec5()]) {
    console.log(`| ${r.name} | ${fmt(r.ours)} | ${fmt(r.reference)} | ${r.unit} | ${(r.ours / r.reference).toFixed(2)}x |`);
  }
  if (sink < 0) console.log(sink);
}
