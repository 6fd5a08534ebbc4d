/**
 * Hand-built traces for the diagram's unit tests: the shapes the simulator produces
 * (src/sim/lab.ts), small enough to read. Not a simulator: nothing here checks the protocol.
 */
import { asPacketId, millis, type Packet, type QoS } from '../../mqtt/types';
import type { ConnectionLossCause, DropCause, ParticipantInfo, Params, Trace, TraceEvent } from '../../sim/trace';

const enc = new TextEncoder();

export function publish(topic: string, payload: string, qos: QoS, packetId?: number, dup = false, retain = false): Packet {
  return { type: 'PUBLISH', topic, payload: enc.encode(payload), qos, dup, retain, ...(packetId !== undefined ? { packetId: asPacketId(packetId) } : {}) };
}

export function traceBuilder(participants: ParticipantInfo[] = [
  { id: 'subscriber', role: 'subscriber', qos: 1, cleanSession: false },
  { id: 'broker', role: 'broker' },
  { id: 'publisher', role: 'publisher', qos: 1, cleanSession: false },
]) {
  const events: TraceEvent[] = [];
  const sent = new Map<number, { from: string; to: string; packet: Packet }>();
  let wire = 0;
  let t = 0;
  const base = (key: string, params: Params = {}) => ({ index: events.length, tMs: millis(t), key, params });
  const b = {
    at(ms: number) { t = ms; return b; },
    send(from: string, to: string, packet: Packet, retransmission = false): number {
      const wireId = ++wire;
      sent.set(wireId, { from, to, packet });
      events.push({ ...base(`packet.sent.${packet.type}`), kind: 'packetSent', wireId, from, to, packet, bytes: new Uint8Array([0]), retransmission });
      return wireId;
    },
    deliver(wireId: number) {
      const s = sent.get(wireId)!;
      events.push({ ...base(`packet.delivered.${s.packet.type}`), kind: 'packetDelivered', wireId, from: s.from, to: s.to, type: s.packet.type });
      return b;
    },
    /** send + deliver */
    hop(from: string, to: string, packet: Packet, retransmission = false) { return b.deliver(b.send(from, to, packet, retransmission)); },
    drop(wireId: number, cause: DropCause = 'intervention') {
      const s = sent.get(wireId)!;
      events.push({ ...base('packet.dropped'), kind: 'packetDropped', wireId, from: s.from, to: s.to, type: s.packet.type, cause });
      return b;
    },
    lost(client: string, cause: ConnectionLossCause = 'drop') { events.push({ ...base('connection.lost'), kind: 'connectionLost', client, cause }); return b; },
    restored(client: string, sessionPresent: boolean) { events.push({ ...base('connection.restored'), kind: 'connectionRestored', client, sessionPresent }); return b; },
    appPublish(client: string, publicationNo: number, topic: string, payloadText: string, qos: QoS) {
      events.push({ ...base('app.publish'), kind: 'appPublish', client, publicationNo, topic, payloadText, qos, retain: false });
      return b;
    },
    appDeliver(client: string, publicationNo: number, topic: string, payloadText: string, qos: QoS, deliveryNo: number) {
      events.push({ ...base('app.deliver'), kind: 'appDeliver', client, publicationNo, topic, payloadText, qos, retain: false, deliveryNo });
      return b;
    },
    decision(actor: string, key: string, params: Params = {}, rule = 'MQTT-4.3') {
      events.push({ ...base(key, params), kind: 'decision', actor, rule });
      return b;
    },
    timer(actor: string) { events.push({ ...base('timer'), kind: 'timer', actor }); return b; },
    connect(client: string, sessionPresent = false) {
      b.hop(client, 'broker', { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: client, cleanSession: false, keepAliveSec: 10 });
      return b.hop('broker', client, { type: 'CONNACK', sessionPresent, returnCode: 0 });
    },
    trace(): Trace { return { participants, events }; },
  };
  return b;
}

/** Pub1/Sub1, the publisher's PUBACK dropped: reconnect, DUP re-send, a duplicate delivery. */
export function qos1DroppedPuback(topic = 'sensors/temp', payload = '21.5 °C'): Trace {
  const b = traceBuilder().connect('publisher').connect('subscriber');
  b.hop('subscriber', 'broker', { type: 'SUBSCRIBE', packetId: asPacketId(1), subscriptions: [{ topicFilter: topic, qos: 1 }] });
  b.hop('broker', 'subscriber', { type: 'SUBACK', packetId: asPacketId(1), returnCodes: [1] });
  b.at(100).appPublish('publisher', 1, topic, payload, 1);
  b.hop('publisher', 'broker', publish(topic, payload, 1, 1));
  b.hop('broker', 'subscriber', publish(topic, payload, 1, 1));
  b.appDeliver('subscriber', 1, topic, payload, 1, 1);
  b.hop('subscriber', 'broker', { type: 'PUBACK', packetId: asPacketId(1) });
  const lostAck = b.send('broker', 'publisher', { type: 'PUBACK', packetId: asPacketId(1) });
  b.at(140).drop(lostAck).lost('publisher', 'drop');
  b.at(340).connect('publisher', true).restored('publisher', true);
  b.decision('publisher', 'client.resend.publish', { packetId: 1, qos: 1, reason: 'reconnect' }, 'MQTT-4.4.0-1');
  b.hop('publisher', 'broker', publish(topic, payload, 1, 1, true), true);
  b.decision('broker', 'broker.qos1.duplicate', { packetId: 1 }, 'MQTT-4.3.2-2');
  b.hop('broker', 'subscriber', publish(topic, payload, 1, 2));
  b.appDeliver('subscriber', 1, topic, payload, 1, 2);
  b.hop('subscriber', 'broker', { type: 'PUBACK', packetId: asPacketId(2) });
  b.hop('broker', 'publisher', { type: 'PUBACK', packetId: asPacketId(1) });
  return b.trace();
}

/** Pub2/Sub2, no loss, broker Method B. */
export function qos2Clean(): Trace {
  const parts: ParticipantInfo[] = [
    { id: 'publisher', role: 'publisher', qos: 2, cleanSession: false },
    { id: 'broker', role: 'broker' },
    { id: 'subscriber', role: 'subscriber', qos: 2, cleanSession: true },
  ];
  const b = traceBuilder(parts).connect('publisher').connect('subscriber');
  b.appPublish('publisher', 1, 'a/b', 'x', 2);
  b.hop('publisher', 'broker', publish('a/b', 'x', 2, 1));
  b.decision('broker', 'broker.qos2.stored', { packetId: 1, method: 'B' }, 'MQTT-4.3.3-2');
  b.hop('broker', 'publisher', { type: 'PUBREC', packetId: asPacketId(1) });
  b.hop('publisher', 'broker', { type: 'PUBREL', packetId: asPacketId(1) });
  b.decision('broker', 'broker.qos2.released', { packetId: 1, method: 'B', known: true });
  b.hop('broker', 'publisher', { type: 'PUBCOMP', packetId: asPacketId(1) });
  return b.trace();
}
