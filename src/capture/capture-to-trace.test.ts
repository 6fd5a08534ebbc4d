import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppDeliverEvent, PacketSentEvent, Trace, TraceEvent } from '../sim/trace';
import { computeOutcome } from '../sim/outcome';
import type { Scenario } from '../sim/scenario';
import { importCapture, type CaptureImport } from './capture-to-trace';
import { TSHARK_PACKETS } from './__fixtures__/tshark-expected';
import { Conversation, FIN, ACK, P, RST, ethernet, ipv4, mqtt, pcapFile, rawIpCapture, tcp } from './synthetic-capture.test-support';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

function imported(r: CaptureImport) {
  if (!r.ok) throw new Error(r.error);
  return r;
}

const of = <K extends TraceEvent['kind']>(t: Trace, kind: K) => t.events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

/** A packetSent event in tshark-expected.py's label format, without the frame. */
function label(e: PacketSentEvent): string {
  const q = e.packet;
  const parts = [e.from === 'broker' ? 'S>C' : 'C>S', q.type];
  if (q.type === 'PUBLISH') parts.push(`q${q.qos}`);
  if ('packetId' in q && q.packetId !== undefined) parts.push(`id=${q.packetId}`);
  if (q.type === 'PUBLISH' && q.dup) parts.push('DUP');
  if (q.type === 'PUBLISH' && q.retain) parts.push('R');
  if (q.type === 'CONNECT') parts.push(`client=${q.clientId}`);
  if (q.type === 'PUBLISH') parts.push(`topic=${q.topic}`);
  if (q.type === 'SUBSCRIBE') parts.push(`topic=${q.subscriptions[0].topicFilter}`);
  return parts.join(' ');
}

const delivered = (t: Trace) => of(t, 'appDeliver').map((e) => [e.client, e.publicationNo, e.deliveryNo, e.key]);

describe('importCapture: the fixtures', () => {
  it.each(Object.keys(TSHARK_PACKETS))('%s: packetSent events are the packets tshark sees, each delivered', (name) => {
    const { trace, summary } = imported(importCapture(fixture(name)));
    const sent = of(trace, 'packetSent');
    expect(sent.map(label)).toEqual(TSHARK_PACKETS[name].map((l) => l.replace(/^\d+ /, '')));
    expect(sent.every((e) => e.from === 'broker' || e.to === 'broker')).toBe(true);
    expect(of(trace, 'packetDelivered').map((e) => e.wireId)).toEqual(sent.map((e) => e.wireId));
    expect(trace.events.map((e) => e.index)).toEqual(trace.events.map((_, i) => i));
    const times = trace.events.map((e) => e.tMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(summary).toMatchObject({ warnings: [], versions: [name.includes('-v5') ? 5 : 4], packets: sent.length, mqttConnections: name.startsWith('reconnect') ? 3 : 2 });
    expect(structuredClone(trace)).toEqual(trace); // the worker posts it
  });

  it.each([
    ['qos0-v311.pcap', 0], ['qos1-v311.pcapng', 1], ['qos2-v311.pcap', 2], ['qos0-v5.pcapng', 0], ['qos1-v5.pcap', 1], ['qos2-v5.pcapng', 2],
    ['qos1-v5-sll2.pcap', 1],
  ] as const)('%s: a publisher, the broker and a subscriber; two publications, each delivered once', (name, qos) => {
    const { trace } = imported(importCapture(fixture(name)));
    expect(trace.participants).toEqual([
      { id: 'lab-pub', role: 'publisher', qos, cleanSession: true, clientId: 'lab-pub' },
      { id: 'broker', role: 'broker' },
      { id: 'lab-sub', role: 'subscriber', qos, cleanSession: true, clientId: 'lab-sub' },
    ]);
    expect(of(trace, 'appPublish').map((e) => [e.client, e.publicationNo, e.qos, e.topic, e.payloadText, e.key])).toEqual([
      ['lab-pub', 1, qos, `lab/qos${qos}`, `message 1 at QoS ${qos}`, 'app.publish'],
      ['lab-pub', 2, qos, `lab/qos${qos}`, `message 2 at QoS ${qos}`, 'app.publish'],
    ]);
    expect(delivered(trace)).toEqual([['lab-sub', 1, 1, 'app.deliver'], ['lab-sub', 2, 1, 'app.deliver']]);
    expect(of(trace, 'connectionLost')).toEqual([]);
  });

  it('retained: the late subscriber gets the retained message, its markup kept as text', () => {
    const { trace } = imported(importCapture(fixture('retained-v311.pcapng')));
    const [publish] = of(trace, 'appPublish');
    expect(publish).toMatchObject({ topic: 'lab/<b>retained</b>', payloadText: '<img src=x onerror=alert(1)>', retain: true });
    const [deliver] = of(trace, 'appDeliver');
    expect(deliver).toMatchObject({ client: 'lab-sub', publicationNo: 1, deliveryNo: 1, retain: true, topic: 'lab/<b>retained</b>', payloadText: '<img src=x onerror=alert(1)>' });
  });

  it('reconnect: a killed subscriber loses its connection (FIN, no DISCONNECT), reconnects with its session and gets what it missed', () => {
    const { trace, summary } = imported(importCapture(fixture('reconnect-v311-sll.pcap')));
    expect(summary.connections.map((c) => [c.participant, c.stream])).toEqual([['lab-sub', 1], ['lab-pub', 2], ['lab-sub', 3]]);
    expect(trace.participants.map((p) => p.id)).toEqual(['lab-pub', 'broker', 'lab-sub']);
    const kinds = trace.events.filter((e) => !e.kind.startsWith('packet')).map((e) => [e.kind, e.key, e.params]);
    expect(kinds).toEqual([
      ['connectionLost', 'connection.lost.reset', { client: 'lab-sub', cause: 'reset', tcp: 'FIN', closedBy: 'client' }],
      ['appPublish', 'app.publish', { client: 'lab-pub', publicationNo: 1, qos: 1, topic: 'lab/reconnect' }],
      ['connectionRestored', 'connection.restored.session', { client: 'lab-sub', sessionPresent: true }],
      ['appDeliver', 'app.deliver', { client: 'lab-sub', publicationNo: 1, deliveryNo: 1, qos: 1, topic: 'lab/reconnect' }],
    ]);
  });

  it.each(Object.keys(TSHARK_PACKETS))('%s: the outcome of every message, from the trace and its facts', (name) => {
    const { trace, facts } = imported(importCapture(fixture(name)));
    const outcome = computeOutcome({ publishers: [], subscribers: [] } as unknown as Scenario, trace, true, undefined, facts);
    const qos = /qos(\d)/.exec(name)?.[1];
    const promise = { 0: 'atMostOnce', 1: 'atLeastOnce', 2: 'exactlyOnce' }[qos ?? '1'];
    expect(outcome.pairs.map((p) => [p.publicationNo, p.subscriber, p.promise, p.deliveries, p.held, p.retained ?? false])).toEqual(
      name.startsWith('retained') ? [[1, 'lab-sub', 'atLeastOnce', 1, true, true]]
        : name.startsWith('reconnect') ? [[1, 'lab-sub', 'atLeastOnce', 1, true, false]]
          : [[1, 'lab-sub', promise, 1, true, false], [2, 'lab-sub', promise, 1, true, false]]);
    expect(outcome).toMatchObject({ duplicates: 0, lost: 0, guaranteeHeld: true });
  });

  it('says what it read', () => {
    const { summary } = imported(importCapture(fixture('qos1-v5.pcap')));
    expect(summary).toMatchObject({ format: 'pcap', frames: 34, tcpConnections: 2, mqttConnections: 2, versions: [5], packets: 16, warnings: [] });
    expect(summary.startedAt).toMatch(/^20\d\d-\d\d-\d\dT/);
    expect(summary.connections[0]).toMatchObject({ participant: 'lab-sub', clientId: 'lab-sub', version: 5, server: '127.0.0.1:18883' });
  });
});

/** A client's conversation with the broker, as segments: what it sends, what the broker sends back, in turns. */
function session(c: Conversation, turns: [boolean, Parameters<typeof mqtt>[0]][], end?: Uint8Array): Uint8Array[] {
  return [...c.handshake(), ...turns.flatMap(([fromClient, packets]) => c.send(fromClient, mqtt(packets))), ...(end ? [end] : [])];
}

describe('captureToTrace: what the packets mean', () => {
  it('a QoS 1 copy re-sent after a reconnect is a duplicate delivery; the re-send is a retransmission', () => {
    const pub = new Conversation({ clientPort: 50001 });
    const sub1 = new Conversation({ clientPort: 50002 });
    const sub2 = new Conversation({ clientPort: 50003, clientIsn: 77 });
    const a = session(sub1, [[true, [P.connect('s', { cleanSession: false }), P.subscribe(1, 't', 1)]], [false, [P.connack(), P.suback(1, 1)]]]);
    const b = session(pub, [[true, [P.connect('p'), P.publish('t', 'm', 1, 5)]], [false, [P.connack(), P.ack('PUBACK', 5)]], [true, [P.disconnect()]]]);
    const c = sub1.send(false, mqtt([P.publish('t', 'm', 1, 1)]));
    const d = session(sub2, [[true, [P.connect('s', { cleanSession: false })]], [false, [P.connack(true), P.publish('t', 'm', 1, 1, { dup: true })]], [true, [P.ack('PUBACK', 1)]]]);
    const { trace } = imported(importCapture(rawIpCapture([...a, ...b, ...c, sub1.close(false, RST), ...d])));
    expect(delivered(trace)).toEqual([['s', 1, 1, 'app.deliver'], ['s', 1, 2, 'app.deliver.duplicate']]);
    expect(of(trace, 'packetSent').filter((e) => e.retransmission).map(label)).toEqual(['S>C PUBLISH q1 id=1 DUP topic=t']);
    expect(of(trace, 'connectionLost').map((e) => [e.client, e.cause, e.params.tcp, e.params.closedBy])).toEqual([['s', 'reset', 'RST', 'broker']]);
    expect(of(trace, 'connectionRestored').map((e) => [e.client, e.sessionPresent])).toEqual([['s', true]]);
  });

  it('a QoS 2 PUBLISH whose packet id the subscriber holds is not delivered again (MQTT-4.3.3-2); a repeated PUBREL is a re-send', () => {
    const c = new Conversation();
    const pub = new Conversation({ clientPort: 50009 });
    const segments = [
      ...session(c, [[true, [P.connect('s'), P.subscribe(1, 't', 2)]], [false, [P.connack(), P.suback(1, 2)]]]),
      ...session(pub, [[true, [P.connect('p'), P.publish('t', 'once', 2, 9)]]]),
      ...c.send(false, mqtt([P.publish('t', 'once', 2, 1)])), ...c.send(true, mqtt([P.ack('PUBREC', 1)])),
      ...c.send(false, mqtt([P.publish('t', 'once', 2, 1, { dup: true })])), ...c.send(true, mqtt([P.ack('PUBREC', 1)])),
      ...c.send(false, mqtt([P.ack('PUBREL', 1), P.ack('PUBREL', 1)])), ...c.send(true, mqtt([P.ack('PUBCOMP', 1)])),
    ];
    const { trace } = imported(importCapture(rawIpCapture(segments)));
    expect(delivered(trace)).toEqual([['s', 1, 1, 'app.deliver']]);
    expect(of(trace, 'packetSent').filter((e) => e.retransmission).map(label)).toEqual(['S>C PUBLISH q2 id=1 DUP topic=t', 'S>C PUBREL id=1']);
  });

  it('names clients by client id: an empty one is anonymous, one called "broker" is not the broker', () => {
    const conns = ['', '', 'broker', 'x'].map((id, i) => session(new Conversation({ clientPort: 50100 + i }), [[true, [P.connect(id)]], [false, [P.connack()]]]));
    const { trace, summary } = imported(importCapture(rawIpCapture(conns.flat())));
    expect(summary.connections.map((c) => c.participant)).toEqual(['anonymous', 'anonymous 2', 'broker (client)', 'x']);
    expect(trace.participants.map((p) => [p.id, p.role])).toEqual([
      ['anonymous', 'publisher'], ['anonymous 2', 'publisher'], ['broker (client)', 'publisher'], ['x', 'publisher'], ['broker', 'broker'],
    ]);
  });

  it('shows every server as the one broker, and says so', () => {
    const one = new Conversation({ server: '10.0.0.1' });
    const two = new Conversation({ server: '10.0.0.9', clientPort: 50001 });
    const { trace, summary } = imported(importCapture(rawIpCapture([
      ...session(one, [[true, [P.connect('a')]]]), ...session(two, [[true, [P.connect('b')]]]),
    ])));
    expect(trace.participants.map((p) => p.id)).toEqual(['a', 'b', 'broker']);
    expect(summary.warnings).toEqual(['The capture holds MQTT connections to 2 servers (10.0.0.1:1883, 10.0.0.9:1883): the lab shows them all as one broker.']);
  });

  it('a client that subscribes and publishes is a subscriber, at the QoS of its subscription', () => {
    const c = new Conversation();
    const { trace } = imported(importCapture(rawIpCapture(session(c, [
      [true, [P.connect('both'), P.publish('t', 'x', 0), P.subscribe(1, 't', 1)]], [false, [P.connack(), P.suback(1, 1), P.publish('t', 'x', 0)]],
    ]))));
    expect(trace.participants).toEqual([{ id: 'broker', role: 'broker' }, { id: 'both', role: 'subscriber', qos: 1, cleanSession: true, clientId: 'both' }]);
    expect(delivered(trace)).toEqual([['both', 1, 1, 'app.deliver']]);
  });

  it('a will message is delivered as a will, not as a publication', () => {
    const dying = new Conversation({ clientPort: 50200 });
    const sub = new Conversation({ clientPort: 50201 });
    const will = { topic: 'status', payload: new TextEncoder().encode('gone'), qos: 0 as const, retain: false };
    const segments = [
      ...session(sub, [[true, [P.connect('s'), P.subscribe(1, 'status', 0)]], [false, [P.connack(), P.suback(1, 0)]]]),
      ...session(dying, [[true, [P.connect('d', { will })]], [false, [P.connack()]]], undefined), dying.close(true, RST),
      ...sub.send(false, mqtt([P.publish('status', 'gone', 0)])),
    ];
    const { trace } = imported(importCapture(rawIpCapture(segments)));
    const [e] = of(trace, 'appDeliver') as AppDeliverEvent[];
    expect(e).toMatchObject({ key: 'app.deliver.will', will: true, publicationNo: -1, params: { publisher: 'd' } });
  });

  it('a connection the broker closes after the same client id connected again was taken over', () => {
    const first = new Conversation({ clientPort: 50300 });
    const second = new Conversation({ clientPort: 50301, clientIsn: 3 });
    const segments = [
      ...session(first, [[true, [P.connect('same')]], [false, [P.connack()]]]),
      ...session(second, [[true, [P.connect('same')]], [false, [P.connack()]]]), first.close(false, FIN | ACK),
    ];
    const { trace } = imported(importCapture(rawIpCapture(segments)));
    expect(of(trace, 'connectionLost').map((e) => [e.client, e.cause])).toEqual([['same', 'takeover']]);
    expect(of(trace, 'connectionRestored').map((e) => e.client)).toEqual(['same']);
  });

  it('times are milliseconds from the earliest frame, to the microsecond', () => {
    const c = new Conversation();
    const [syn, synAck, ack] = c.handshake();
    const [connect] = c.send(true, mqtt([P.connect('t')]));
    const file = pcapFile([
      { bytes: ethernet(syn), timeUs: 1_000_000_000_000_000 }, { bytes: ethernet(synAck), timeUs: 1_000_000_000_000_250 },
      { bytes: ethernet(ack), timeUs: 1_000_000_000_000_500 }, { bytes: ethernet(connect), timeUs: 1_000_000_000_001_234 },
    ]);
    const { trace } = imported(importCapture(file));
    expect(trace.events.map((e) => [e.kind, e.tMs])).toEqual([['packetSent', 1.234], ['packetDelivered', 1.234]]);
  });
});

describe('importCapture: one sentence when there is nothing to show', () => {
  const udp = ipv4('10.0.0.2', '10.0.0.1', new Uint8Array(12), { protocol: 17 });
  const http = new Conversation({ serverPort: 80 });
  it.each([
    ['not a capture', new TextEncoder().encode('MQTT is fun'), 'This file is not a packet capture: it does not begin as a pcap or pcapng file does.'],
    ['cut before its first frame', pcapFile([ethernet(udp)]).subarray(0, 30), 'The capture is cut short (the file is truncated) before its first packet.'],
    ['an unsupported link type only', pcapFile([udp], { linkType: 105 }),
      "The capture's packets (1 on link type 105) are of a kind the lab does not read: it reads Ethernet, Linux cooked, loopback and raw IP captures."],
    ['no TCP', pcapFile([ethernet(udp)]), 'The capture holds no TCP traffic, so no MQTT.'],
    ['no MQTT', rawIpCapture([...http.handshake(), ...http.send(true, new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'))]),
      'The capture holds no MQTT connection: the lab finds one by the CONNECT at its start, so start capturing before the clients connect.'],
    ['a bare TCP segment', rawIpCapture([ipv4('1.1.1.1', '2.2.2.2', tcp({ srcPort: 1, dstPort: 2, seq: 0, flags: ACK }))]),
      'The capture holds no MQTT connection: the lab finds one by the CONNECT at its start, so start capturing before the clients connect.'],
  ])('%s', (_, bytes, error) => {
    expect(importCapture(bytes)).toEqual({ ok: false, error });
  });

  it('MQTT 3.1 only: the sentence says why its CONNECT is not read', () => {
    const c = new Conversation();
    const r = importCapture(rawIpCapture(session(c, [[true, [P.connect('old', { protocolName: 'MQIsdp', protocolLevel: 3 })]]])));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^Connection 1 \(10\.0\.0\.2:50000 to 10\.0\.0\.1:1883\) begins with a CONNECT the lab cannot read \(.+\): it is left out\.$/);
  });
});
