import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../mqtt/codec';
import type { CapturedPacket } from './mqtt-from-capture';
import { TSHARK_PACKETS } from './__fixtures__/tshark-expected';
import { Conversation, P, RST, concat, mqtt, mqttOf, rawIpCapture } from './synthetic-capture.test-support';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

/** A packet in tshark-expected.py's label format. */
export function label(p: CapturedPacket, frame = true): string {
  const q = p.packet;
  const parts = [...(frame ? [String(p.frame)] : []), p.fromClient ? 'C>S' : 'S>C', q.type];
  if (q.type === 'PUBLISH') parts.push(`q${q.qos}`);
  if ('packetId' in q && q.packetId !== undefined) parts.push(`id=${q.packetId}`);
  if (q.type === 'PUBLISH' && q.dup) parts.push('DUP');
  if (q.type === 'PUBLISH' && q.retain) parts.push('R');
  if (q.type === 'CONNECT') parts.push(`client=${q.clientId}`);
  if (q.type === 'PUBLISH') parts.push(`topic=${p.topic}`);
  if (q.type === 'SUBSCRIBE') parts.push(`topic=${q.subscriptions[0].topicFilter}`);
  return parts.join(' ');
}

describe('mqttFromStreams: the fixtures read as Wireshark reads them', () => {
  it.each(Object.keys(TSHARK_PACKETS))('%s', (name) => {
    const { connections, warnings } = mqttOf(fixture(name));
    expect(warnings).toEqual([]);
    // Every packet, in the frame that completed it; packets of one frame in their stream's order.
    const all = connections.flatMap((c) => c.packets).sort((a, b) => a.frame - b.frame);
    expect(all.map((p) => label(p))).toEqual(TSHARK_PACKETS[name]);
    for (const c of connections) {
      expect(c.version).toBe(name.includes('-v5') ? 5 : 4);
      expect(c.server).toEqual({ ip: '127.0.0.1', port: 18883 });
      // Exact bytes: each packet is what the codec reads from them, whole; a 3.1.1 packet also
      // re-encodes to them (5.0 properties may come in any order, so only 3.1.1 is canonical).
      for (const p of c.packets) {
        expect(decode(p.bytes, 0, { version: c.version })).toEqual({ kind: 'packet', packet: p.packet, size: p.bytes.length });
        if (c.version === 4) expect(encode(p.packet)).toEqual(p.bytes);
      }
    }
  });

  it('finds the client ids and how each connection ended', () => {
    const { connections } = mqttOf(fixture('reconnect-v311-sll.pcap'));
    expect(connections.map((c) => [c.connect.clientId, c.connect.cleanSession, c.clientEnd?.kind, c.packets.some((p) => p.packet.type === 'DISCONNECT')]))
      .toEqual([['lab-sub', false, 'fin', false], ['lab-pub', true, 'fin', true], ['lab-sub', false, 'fin', true]]);
  });

  it('keeps a hostile topic and payload as the bytes they were', () => {
    const { connections } = mqttOf(fixture('retained-v311.pcapng'));
    const publish = connections[1].packets.find((p) => p.packet.type === 'PUBLISH')!;
    expect(publish.topic).toBe('lab/<b>retained</b>');
    expect(publish.packet.type === 'PUBLISH' && new TextDecoder().decode(publish.packet.payload)).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('mqttFromStreams: packets and segments', () => {
  const up = [P.connect('c1'), P.subscribe(1, 'a/#', 1), P.publish('a/b', 'x'.repeat(300), 1, 2)];
  const down = [P.connack(), P.suback(1, 1), P.ack('PUBACK', 2)];

  it('reads packets split over segments, and several in one segment, with their exact bytes, frames and times', () => {
    const c = new Conversation();
    const upBytes = mqtt(up);
    const file = rawIpCapture([...c.handshake(), ...c.send(true, upBytes, [1, 2, 20, 5]), ...c.send(false, mqtt(down))]);
    const [conn] = mqttOf(file).connections;
    expect(conn.packets.map((p) => [p.packet.type, p.fromClient, p.firstFrame, p.frame])).toEqual([
      // Frames 4..8 hold bytes 0, 1-2, 3-22, 23-27, 28-: CONNECT is 0-15, SUBSCRIBE 16-25, PUBLISH 26-.
      ['CONNECT', true, 4, 6], ['SUBSCRIBE', true, 6, 7], ['PUBLISH', true, 7, 8],
      ['CONNACK', false, 9, 9], ['SUBACK', false, 9, 9], ['PUBACK', false, 9, 9],
    ]);
    expect(conn.packets[2].firstTimeNs).toBe(1_700_000_000_000_000_000n + 6_000_000n);
    expect(conn.packets[2].timeNs).toBe(1_700_000_000_000_000_000n + 7_000_000n);
    expect(concat(...conn.packets.filter((p) => p.fromClient).map((p) => p.bytes))).toEqual(upBytes);
    expect(conn.packets[2].bytes.buffer.byteLength).toBe(conn.packets[2].bytes.length); // a copy, not a view of the stream
  });

  it('reads through retransmitted and out-of-order segments', () => {
    const c = new Conversation();
    const bytes = mqtt(up);
    const [s1, s2, s3] = c.send(true, bytes, [10, 30]);
    const file = rawIpCapture([...c.handshake(), s1, s3, s1, s2, s2, ...c.send(false, mqtt(down))]);
    const { connections, warnings } = mqttOf(file);
    expect(warnings).toEqual([]);
    expect(connections[0].packets.map((p) => p.packet.type)).toEqual(['CONNECT', 'SUBSCRIBE', 'PUBLISH', 'CONNACK', 'SUBACK', 'PUBACK']);
  });

  it('finds MQTT on any port by its CONNECT, and leaves other TCP alone', () => {
    const odd = new Conversation({ serverPort: 443, clientPort: 1883 });
    const http = new Conversation({ serverPort: 80, clientPort: 50001 });
    const file = rawIpCapture([...http.handshake(), ...http.send(true, new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n')),
      ...odd.handshake(), ...odd.send(true, mqtt([P.connect('odd')])), ...odd.send(false, mqtt([P.connack()]))]);
    const { connections, warnings } = mqttOf(file);
    expect(warnings).toEqual([]);
    expect(connections.map((c) => [c.stream, c.client.port, c.server.port, c.connect.clientId])).toEqual([[2, 1883, 443, 'odd']]);
  });

  it('cannot see a client whose CONNECT came before the capture began', () => {
    const c = new Conversation();
    const file = rawIpCapture([...c.send(true, mqtt([P.publish('a', 'b')]))]);
    expect(mqttOf(file).connections).toEqual([]);
  });

  it('cuts a direction at a malformed packet, with a warning that names it', () => {
    const c = new Conversation();
    const file = rawIpCapture([...c.handshake(), ...c.send(true, concat(mqtt([P.connect('bad "client"')]), Uint8Array.of(0x00, 0x00), mqtt([P.disconnect()]))),
      ...c.send(false, mqtt([P.connack()]))]);
    const { connections, warnings } = mqttOf(file);
    expect(connections[0].packets.map((p) => p.packet.type)).toEqual(['CONNECT', 'CONNACK']);
    expect(warnings).toEqual(['In connection 1 (client id "bad \\"client\\""), client to broker, the bytes from frame 4 on are not a valid MQTT 3.1.1 packet ' +
      '(reserved packet type 0, MQTT-2.2.1): the rest of that direction is not read.']);
  });

  it('says when the capture ends inside a packet, or missed bytes', () => {
    const c = new Conversation();
    const bytes = mqtt([P.connect('c'), P.publish('t', 'payload')]);
    const ends = rawIpCapture([...c.handshake(), ...c.send(true, bytes.subarray(0, bytes.length - 2))]);
    expect(mqttOf(ends).warnings).toEqual(['In connection 1 (client id "c"), client to broker, the capture ends inside a packet (frame 4): that packet is not read.']);
    const d = new Conversation();
    const [a, , b] = d.send(true, bytes, [16, 3]); // the CONNECT (15 bytes) and one more, then a gap
    expect(mqttOf(rawIpCapture([...d.handshake(), a, b])).warnings).toEqual(
      ['In connection 1 (client id "c"), client to broker, the capture missed bytes before frame 5: the packets after them are not read.']);
  });

  it('says it cannot read a CONNECT of MQTT 3.1 (protocol name MQIsdp)', () => {
    const c = new Conversation();
    const file = rawIpCapture([...c.handshake(), ...c.send(true, mqtt([P.connect('old', { protocolName: 'MQIsdp', protocolLevel: 3 })]))]);
    const { connections, warnings } = mqttOf(file);
    expect(connections).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Connection 1 \(10\.0\.0\.2:50000 to 10\.0\.0\.1:1883\) begins with a CONNECT the lab cannot read \(.*MQTT-3\.1\.2-1\): it is left out\.$/);
  });

  it('reads MQTT 5.0 by the CONNECT\'s protocol level, and resolves Topic Aliases per direction', () => {
    const c = new Conversation({ client: '::1', server: '::1', clientPort: 40000 });
    const v5up = [P.connect('five', { protocolLevel: 5 }),
      P.publish('long/topic', 'one', 1, 1, { properties: { topicAlias: 3 } }), P.publish('', 'two', 1, 2, { properties: { topicAlias: 3 } })];
    const file = rawIpCapture([...c.handshake(), ...c.send(true, mqtt(v5up, 5)), ...c.send(false, mqtt([P.connack(false, 5), P.ack('PUBACK', 1)], 5))]);
    const { connections, warnings } = mqttOf(file);
    expect(warnings).toEqual([]);
    expect(connections[0].version).toBe(5);
    expect(connections[0].client).toEqual({ ip: '::1', port: 40000 });
    expect(connections[0].packets.filter((p) => p.packet.type === 'PUBLISH').map((p) => p.topic)).toEqual(['long/topic', 'long/topic']);
  });

  it('notes a connection that ends by RST', () => {
    const c = new Conversation();
    const file = rawIpCapture([...c.handshake(), ...c.send(true, mqtt([P.connect('c')])), c.close(false, RST)]);
    expect(mqttOf(file).connections[0].serverEnd).toMatchObject({ kind: 'rst', frame: 5 });
  });
});
