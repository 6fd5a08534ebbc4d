/**
 * MQTT 5.0 broker duties proven packet by packet (RawBroker.v5): Maximum QoS and Retain Available,
 * client identifiers, CONNECT checks and Clean Start, packet identifiers, ordering, shared
 * subscriptions across reconnects, QoS 2 with message expiry, topic matching without
 * normalisation, the will kept with the session, closing after a failure code. Each test is
 * named after the statements it proves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asPacketId, type Packet, type PublishPacket, type QoS, type Subscription } from '../types';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);
const sub = (topicFilter: string, qos: QoS = 1): Subscription => ({ topicFilter, qos });
const pub = (topic: string, payload: string, qos: QoS, packetId?: number, extra: Partial<PublishPacket> = {}): PublishPacket => ({
  type: 'PUBLISH', topic, payload: text(payload), qos, dup: false, retain: false, ...(packetId === undefined ? {} : { packetId: id(packetId) }), ...extra,
});
const publishes = (b: RawBroker, connId: string, out = b.outputs) =>
  b.sentTo(connId, out).filter((p): p is PublishPacket => p.type === 'PUBLISH');
const payloads = (ps: PublishPacket[]) => ps.map((p) => new TextDecoder().decode(p.payload));
const session = { cleanSession: false, properties: { sessionExpiryInterval: 60 } };

describe('broker 5.0: Maximum QoS and Retain Available (options, default 2 and true)', () => {
  it('MQTT-3.2.2-9 / MQTT-3.2.2-10: Maximum QoS 1 is announced; a SUBSCRIBE asking QoS 2 is still accepted, granted 1', () => {
    const b = RawBroker.v5({ maximumQoS: 1 });
    const out = b.connect5('c', 'c');
    expect(b.sentTo('c', out)[0]).toMatchObject({ type: 'CONNACK', reasonCode: 0, properties: { maximumQoS: 1 } });
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('a', 2), sub('b', 0)] });
    expect(b.sentTo('c')[1]).toEqual({ type: 'SUBACK', packetId: id(1), reasonCodes: [1, 0] });
    // A client that ignores it: a QoS 2 PUBLISH is DISCONNECT 0x9B QoS not supported.
    b.send('c', pub('a', 'm', 2, 1));
    expect(b.sentTo('c').at(-1)).toMatchObject({ type: 'DISCONNECT', reasonCode: 0x9b });
    expect(b.closed('c')?.reason).toBe('protocolError');
  });

  it('MQTT-3.2.2-9: by default the broker supports QoS 2 and says nothing of it; Maximum QoS 0 is announced as 0', () => {
    expect(RawBroker.v5().connect5('c', 'c')[0]).not.toHaveProperty('packet.properties.maximumQoS');
    const b = RawBroker.v5({ maximumQoS: 0 });
    expect(b.sentTo('c', b.connect5('c', 'c'))[0]).toMatchObject({ properties: { maximumQoS: 0 } });
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('a', 2)] });
    expect(b.sentTo('c')[1]).toMatchObject({ reasonCodes: [0] });
  });

  it('MQTT-3.2.2-12: a will QoS above the Maximum QoS is refused with CONNACK 0x9B, and the connection closed', () => {
    const b = RawBroker.v5({ maximumQoS: 1 });
    const out = b.connect5('c', 'c', { will: { topic: 'w', payload: text('x'), qos: 2, retain: false } });
    expect(b.sentTo('c', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x9b }]);
    expect(b.closed('c', out)?.reason).toBe('refused');
    expect(b.state.sessions.has('c')).toBe(false);
    // A will at the maximum is fine.
    expect(b.sentTo('d', b.connect5('d', 'd', { will: { topic: 'w', payload: text('x'), qos: 1, retain: false } }))[0]).toMatchObject({ reasonCode: 0 });
  });

  it('MQTT-3.2.2-13: without retained messages, a retained will is refused with CONNACK 0x9A, and the connection closed', () => {
    const b = RawBroker.v5({ retainAvailable: false });
    const out = b.connect5('c', 'c', { will: { topic: 'w', payload: text('x'), qos: 0, retain: true } });
    expect(b.sentTo('c', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x9a }]);
    expect(b.closed('c', out)?.reason).toBe('refused');
    const ok = b.connect5('d', 'd');
    expect(b.sentTo('d', ok)[0]).toMatchObject({ reasonCode: 0, properties: { retainAvailable: false } });
    b.send('d', pub('t', 'm', 0, undefined, { retain: true }));
    expect(b.sentTo('d').at(-1)).toMatchObject({ type: 'DISCONNECT', reasonCode: 0x9a });
    expect(b.state.retained.size).toBe(0);
  });

  it('3.1.1 connections are not affected by Maximum QoS and Retain Available', () => {
    const b = RawBroker.v5({ maximumQoS: 0, retainAvailable: false });
    b.connect('c', 'c', { will: { topic: 'w', payload: text('x'), qos: 2, retain: true } });
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'a', qos: 2 }] });
    expect(b.sentTo('c')).toEqual([{ type: 'CONNACK', sessionPresent: false, returnCode: 0 }, { type: 'SUBACK', packetId: id(1), returnCodes: [2] }]);
  });
});

describe('broker 5.0: CONNECT', () => {
  it('MQTT-3.1.3-5: every client identifier of 1 to 23 characters 0-9a-zA-Z is accepted (fast-check)', () => {
    const alnum = fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
    fc.assert(fc.property(fc.array(alnum, { minLength: 1, maxLength: 23 }), fc.boolean(), (chars, clean) => {
      const b = RawBroker.v5();
      const clientId = chars.join('');
      const out = b.connect5('c', clientId, { cleanSession: clean });
      expect(b.sentTo('c', out)[0]).toMatchObject({ type: 'CONNACK', reasonCode: 0 });
      expect(b.closed('c', out)).toBeUndefined();
      expect(b.state.connections.get('c')?.clientId).toBe(clientId);
    }), { seed: 15, numRuns: 200 });
  });

  it('MQTT-3.1.4-2: a CONNECT that fails a further check (a refused client id, a will above Maximum QoS, authentication) is closed', () => {
    const b = RawBroker.v5({ refusedClientIds: ['banned'], maximumQoS: 0, authenticators: { pw: () => ({ result: 'fail', reasonCode: 0x86 }) } });
    const checks = [
      b.connect5('c1', 'banned'),
      b.connect5('c2', 'c2', { will: { topic: 'w', payload: text('x'), qos: 1, retain: false } }),
      b.connect5('c3', 'c3', { properties: { authenticationMethod: 'pw', authenticationData: text('wrong') } }),
    ];
    expect(checks.map((out, i) => b.sentTo(`c${i + 1}`, out).map((p) => p.type === 'CONNACK' && 'reasonCode' in p && p.reasonCode))).toEqual([[0x85], [0x9b], [0x86]]);
    expect(checks.map((out, i) => b.closed(`c${i + 1}`, out)?.reason)).toEqual(['refused', 'refused', 'refused']);
    expect(b.state.sessions.size).toBe(0);
  });

  it('MQTT-3.1.4-4: the broker processes Clean Start: 1 discards the session it had, 0 resumes it', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'c', session);
    b.send('c1', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t')] });
    b.step({ type: 'connectionLost', connId: 'c1' });
    expect(b.sentTo('c2', b.connect5('c2', 'c', session))[0]).toMatchObject({ sessionPresent: true });
    expect(b.state.sessions.get('c')?.subscriptions.map((s) => s.topicFilter)).toEqual(['t']);
    b.step({ type: 'connectionLost', connId: 'c2' });
    expect(b.sentTo('c3', b.connect5('c3', 'c', { cleanSession: true, properties: { sessionExpiryInterval: 60 } }))[0]).toMatchObject({ sessionPresent: false });
    expect(b.state.sessions.get('c')?.subscriptions).toEqual([]);
  });

  it('MQTT-3.1.2-7: the will is stored with the session: kept there after the connection, published when the session ends', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('will/c')] });
    b.connect5('c', 'c', { cleanSession: false, properties: { sessionExpiryInterval: 5 },
      will: { topic: 'will/c', payload: text('gone'), qos: 1, retain: false, properties: { willDelayInterval: 60 } } });
    b.step({ type: 'connectionLost', connId: 'c' });
    expect(b.state.sessions.get('c')?.pendingWill?.will.topic).toBe('will/c');
    expect(publishes(b, 's')).toEqual([]);
    // The session ends after 5 s, before the 60 s delay: the will goes with it.
    expect(payloads(publishes(b, 's', b.advanceTo(5000)))).toEqual(['gone']);
    expect(b.state.sessions.has('c')).toBe(false);
  });

  it('MQTT-4.13.2-1: after a CONNACK or DISCONNECT of 0x80 or more the connection is closed, whether the packet could be sent or not', () => {
    const b = RawBroker.v5({ refusedClientIds: ['banned'] });
    const refused = b.connect5('a', 'banned');
    expect(b.sentTo('a', refused)).toMatchObject([{ type: 'CONNACK', reasonCode: 0x85 }]);
    expect(b.closed('a', refused)?.reason).toBe('refused');
    // A client whose Maximum Packet Size leaves room for nothing: no CONNACK, no DISCONNECT, still closed.
    b.connect5('b', 'b', { properties: { maximumPacketSize: 2 } });
    const out = b.send('b', { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'b', cleanSession: true, keepAliveSec: 0 });
    expect(b.sentTo('b')).toEqual([]);
    expect(b.closed('b', out)?.reason).toBe('protocolError');
    expect(b.state.connections.has('b')).toBe(false);
  });
});

describe('broker 5.0: packet identifiers', () => {
  it('MQTT-2.2.1-4 / MQTT-4.3.2-1 / MQTT-4.3.3-1 (server): each new QoS 1/2 PUBLISH gets a non-zero id not in use, DUP 0; MQTT-4.3.1-1: QoS 0 has DUP 0 and no id', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 2)] });
    b.connect5('p', 'p');
    b.send('p', pub('t', 'a', 1, 1), pub('t', 'b', 2, 2), pub('t', 'c', 1, 3));
    const flow = b.state.sessions.get('s')?.flow;
    if (flow === undefined) throw new Error('no session');
    flow.nextPacketId = id(65535); // the ids wrap: 65535, then 0 is skipped and 1..3 are in use
    b.send('p', pub('t', 'd', 2, 4), pub('t', 'e', 1, 5), pub('t', 'z', 0));
    const sent = publishes(b, 's');
    expect(sent.map((p) => [p.qos, p.packetId, p.dup])).toEqual([[1, 1, false], [2, 2, false], [1, 3, false], [2, 65535, false], [1, 4, false], [0, undefined, false]]);
    // Once acknowledged, an id is free again.
    b.send('s', { type: 'PUBACK', packetId: id(1) });
    b.send('p', pub('t', 'f', 1, 6));
    expect(publishes(b, 's').at(-1)?.packetId).toBe(5);
  });

  it('MQTT-2.2.1-6: SUBACK and UNSUBACK carry the Packet Identifier of their SUBSCRIBE and UNSUBSCRIBE', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c');
    b.send('c', { type: 'SUBSCRIBE', packetId: id(65535), subscriptions: [sub('a')] },
      { type: 'UNSUBSCRIBE', packetId: id(77), topicFilters: ['a'] }, { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('b')] });
    expect(b.sentTo('c').slice(1).map((p) => [p.type, 'packetId' in p ? p.packetId : undefined])).toEqual([['SUBACK', 65535], ['UNSUBACK', 77], ['SUBACK', 1]]);
  });
});

describe('broker 5.0: message ordering', () => {
  it('MQTT-4.6.0-5 / MQTT-4.6.0-6: a subscriber gets one client\'s messages in the order received, across topics and QoS 1/2, also behind a full window', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's', { properties: { receiveMaximum: 1 } });
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('#', 2)] });
    b.connect5('p', 'p');
    const sentOrder = ['a1', 'b2', 'a3', 'c4', 'b5', 'a6'];
    sentOrder.forEach((m, i) => b.send('p', pub(m[0] as string, m, (i % 2 === 0 ? 1 : 2) as QoS, i + 1)));
    // Acknowledge whatever arrives, one at a time (the window is 1).
    for (let guard = 0; guard < 20; guard++) {
      const last = publishes(b, 's').at(-1);
      const acked = b.sentTo('s').filter((p) => p.type === 'PUBACK' || p.type === 'PUBREC').length;
      if (last === undefined || publishes(b, 's').length === acked) break;
      if (last.qos === 1) b.send('s', { type: 'PUBACK', packetId: last.packetId ?? id(1) });
      else b.send('s', { type: 'PUBREC', packetId: last.packetId ?? id(1) }, { type: 'PUBCOMP', packetId: last.packetId ?? id(1) });
    }
    expect(payloads(publishes(b, 's'))).toEqual(sentOrder);
  });
});

describe('broker 5.0: shared subscriptions across reconnects', () => {
  function group(b: RawBroker, qos: QoS, expiry = 60): void {
    for (const m of ['m1', 'm2']) {
      b.connect5(m, m, { cleanSession: false, properties: { sessionExpiryInterval: expiry } });
      b.send(m, { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('$share/g/t', qos)] });
    }
    b.connect5('p', 'p');
  }

  it('MQTT-4.8.2-4: a QoS 2 message whose delivery to a member broke is completed with that member when it reconnects', () => {
    const b = RawBroker.v5();
    group(b, 2);
    b.send('p', pub('t', 'x', 2, 1));
    expect(payloads(publishes(b, 'm1'))).toEqual(['x']);
    b.step({ type: 'connectionLost', connId: 'm1' });
    b.send('p', { type: 'PUBREL', packetId: id(1) }, pub('t', 'y', 2, 2));
    expect(payloads(publishes(b, 'm2'))).toEqual(['y']); // the next message goes on round robin; x stays with m1
    const back = b.connect5('m1b', 'm1', { cleanSession: false, properties: { sessionExpiryInterval: 60 } });
    expect(publishes(b, 'm1b', back).map((p) => [new TextDecoder().decode(p.payload), p.dup])).toEqual([['x', true]]);
    b.send('m1b', { type: 'PUBREC', packetId: id(1) });
    expect(b.sentTo('m1b').at(-1)).toEqual({ type: 'PUBREL', packetId: id(1) });
    expect(payloads(publishes(b, 'm2'))).toEqual(['y']);
  });

  it('MQTT-4.8.2-5: if that member\'s session ends before it reconnects, the message goes to no other member', () => {
    const b = RawBroker.v5();
    group(b, 2, 5);
    b.send('p', pub('t', 'x', 2, 1));
    b.step({ type: 'connectionLost', connId: 'm1' });
    const out = b.advanceTo(6000);
    expect(out.find((o) => o.type === 'discarded')).toMatchObject({ reason: 'sessionExpired', to: 'm1', messages: [{ payload: text('x') }] });
    expect(publishes(b, 'm2')).toEqual([]);
  });

  it('MQTT-4.8.2-6: a PUBACK or PUBREC of 0x80 or more from a member: the message is discarded, not sent to another member', () => {
    for (const qos of [1, 2] as const) {
      const b = RawBroker.v5();
      group(b, qos);
      b.send('p', pub('t', 'x', qos, 1));
      expect(payloads(publishes(b, 'm1'))).toEqual(['x']);
      b.send('m1', { type: qos === 1 ? 'PUBACK' : 'PUBREC', packetId: id(1), reasonCode: 0x80 });
      expect(publishes(b, 'm2')).toEqual([]);
      expect(b.sentTo('m1').filter((p) => p.type === 'PUBREL')).toEqual([]);
      expect(b.state.sessions.get('m1')?.flow.inflight).toEqual([]);
    }
  });
});

describe('broker 5.0: QoS 2 and message expiry', () => {
  it('MQTT-4.3.3-7: a QoS 2 PUBLISH sent before its Message Expiry Interval passed is not expired: re-sent on reconnect, then released', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's', session);
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 2)] });
    b.connect5('p', 'p');
    b.send('p', pub('t', 'x', 2, 1, { properties: { messageExpiryInterval: 2 } }));
    b.step({ type: 'connectionLost', connId: 's' });
    b.nowMs = 10_000 as typeof b.nowMs;
    const back = b.connect5('s2', 's', session);
    expect(publishes(b, 's2', back).map((p) => [p.packetId, p.dup])).toEqual([[1, true]]);
    expect(back.find((o) => o.type === 'discarded')).toBeUndefined();
    b.send('s2', { type: 'PUBREC', packetId: id(1) });
    expect(b.sentTo('s2').at(-1)).toEqual({ type: 'PUBREL', packetId: id(1) });
  });

  it('MQTT-4.3.3-13: a receiver whose message expired still completes the QoS 2 sequence (Method A: not forwarded, PUBREC again, PUBCOMP)', () => {
    const b = RawBroker.v5({ qos2Method: 'A' });
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 2)] });
    b.connect5('p', 'p');
    b.send('p', pub('t', 'x', 2, 7, { properties: { messageExpiryInterval: 1 } }));
    b.nowMs = 5000 as typeof b.nowMs;
    b.send('p', pub('t', 'x', 2, 7, { dup: true, properties: { messageExpiryInterval: 1 } }));
    const out = b.send('p', { type: 'PUBREL', packetId: id(7) });
    expect(b.sentTo('p').slice(1)).toEqual([{ type: 'PUBREC', packetId: id(7) }, { type: 'PUBREC', packetId: id(7) }, { type: 'PUBCOMP', packetId: id(7) }]);
    expect(publishes(b, 's')).toEqual([]);
    expect(out.find((o) => o.type === 'discarded')).toMatchObject({ reason: 'messageExpired' });
  });

  it('MQTT-4.3.3-9: after a PUBREC of 0x80 or more, a PUBLISH with that Packet Identifier is a new message', () => {
    const b = RawBroker.v5({ refusedTopics: ['deny'] });
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 2)] });
    b.connect5('p', 'p');
    b.send('p', pub('deny', 'no', 2, 5));
    b.send('p', pub('t', 'yes', 2, 5));
    expect(b.sentTo('p').slice(1)).toEqual([{ type: 'PUBREC', packetId: id(5), reasonCode: 0x87 }, { type: 'PUBREC', packetId: id(5) }]);
    expect(payloads(publishes(b, 's'))).toEqual(['yes']);
  });
});

describe('broker 5.0: topics', () => {
  it('MQTT-4.7.3-4: matching normalises nothing: case, empty levels, a trailing "/", Unicode forms are different topics', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    const nfc = 'caf\u00e9';
    const nfd = 'cafe\u0301';
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('a/b', 0), sub(nfc, 0), sub('x/+', 0)] });
    b.connect5('p', 'p');
    for (const topic of ['A/b', 'a//b', 'a/b/', ' a/b', nfd, 'x', 'x/y', 'a/b', nfc]) b.send('p', pub(topic, topic, 0));
    expect(publishes(b, 's').map((p) => p.topic)).toEqual(['x/y', 'a/b', nfc]);
  });
});

// For the types only: the packets above are 5.0 packets.
export type { Packet };
