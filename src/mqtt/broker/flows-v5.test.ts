/**
 * The 3.1.1 behaviours MQTT 5.0 restates, proven again on 5.0 connections of the same broker:
 * first packet, keep alive, PINGREQ, QoS 1 and 2 flows, retained messages, overlapping
 * subscriptions, downgrade, replacing and removing subscriptions, redelivery on reconnect.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type PublishPacket, type Subscription } from '../types';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);
const sub = (topicFilter: string, qos: 0 | 1 | 2): Subscription => ({ topicFilter, qos, noLocal: false, retainAsPublished: false, retainHandling: 0 });
const publish = (topic: string, qos: 0 | 1 | 2, packetId?: number, retain = false, payload = 'm'): PublishPacket =>
  ({ type: 'PUBLISH', topic, payload: text(payload), qos, dup: false, retain, ...(packetId ? { packetId: id(packetId) } : {}) });
const publishes = (b: RawBroker, connId: string, out = b.outputs) =>
  b.sentTo(connId, out).filter((p): p is PublishPacket => p.type === 'PUBLISH');

describe('broker: MQTT 5.0 connections keep the 3.1.1 flows', () => {
  it('MQTT-3.1.0-1 / MQTT-3.14.0-1: a first packet other than CONNECT closes the connection, with no DISCONNECT before CONNACK', () => {
    const b = RawBroker.v5();
    b.open('c1');
    const out = b.send('c1', { type: 'PINGREQ' });
    expect(b.sentTo('c1', out)).toEqual([]);
    expect(b.closed('c1', out)?.reason).toBe('protocolError');
  });

  it('MQTT-3.2.2-22 / MQTT-3.12.4-1: without a Server Keep Alive the client\'s applies; PINGREQ gets PINGRESP', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'a', { keepAliveSec: 10 });
    expect(b.sentTo('c1', b.send('c1', { type: 'PINGREQ' }))).toEqual([{ type: 'PINGRESP' }]);
    expect(b.state.connections.get('c1')?.keepAliveSec).toBe(10);
    expect(b.wakeAtMs).toBe(15_000);
  });

  it('MQTT-4.3.2-4 / MQTT-4.3.2-5 / MQTT-2.2.1-5: QoS 1 in: PUBACK with the id; the same id again is a new message', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 1)] });
    b.connect5('p', 'p');
    expect(b.sentTo('p', b.send('p', publish('t', 1, 4)))).toEqual([{ type: 'PUBACK', packetId: 4 }]);
    b.send('p', publish('t', 1, 4));
    expect(publishes(b, 's')).toHaveLength(2);
  });

  it('MQTT-4.3.3-8 / MQTT-4.3.3-10 / MQTT-4.3.3-11 / MQTT-4.3.3-12: QoS 2 in: PUBREC, a repeat is not forwarded twice, PUBREL gets PUBCOMP, then the id is new', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 2)] });
    b.connect5('p', 'p');
    expect(b.sentTo('p', b.send('p', publish('t', 2, 3)))).toEqual([{ type: 'PUBREC', packetId: 3 }]);
    expect(b.sentTo('p', b.send('p', { ...publish('t', 2, 3), dup: true }))).toEqual([{ type: 'PUBREC', packetId: 3 }]);
    expect(publishes(b, 's')).toHaveLength(1);
    expect(b.sentTo('p', b.send('p', { type: 'PUBREL', packetId: id(3) }))).toEqual([{ type: 'PUBCOMP', packetId: 3 }]);
    b.send('p', publish('t', 2, 3));
    expect(publishes(b, 's')).toHaveLength(2);
  });

  it('MQTT-4.3.3-3 / MQTT-4.3.3-5 / MQTT-4.3.3-6 / MQTT-4.4.0-1 / MQTT-3.3.1-1 / MQTT-4.6.0-1: QoS 2 out, re-sent in order after reconnect, PUBREL never followed by the PUBLISH again', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's', { cleanSession: false, properties: { sessionExpiryInterval: 60 } });
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 2)] });
    b.connect5('p', 'p');
    b.send('p', publish('t', 2, 1, false, 'one'), publish('t', 2, 2, false, 'two'));
    const [first] = publishes(b, 's');
    expect(b.sentTo('s', b.send('s', { type: 'PUBREC', packetId: first?.packetId ?? id(1) }))).toEqual([{ type: 'PUBREL', packetId: first?.packetId }]);
    b.step({ type: 'connectionLost', connId: 's' });
    const out = b.connect5('s2', 's', { cleanSession: false });
    // The PUBREL for the first, then the second PUBLISH with DUP=1.
    expect(b.sentTo('s2', out).map((p) => [p.type, 'dup' in p ? p.dup : undefined])).toEqual([['CONNACK', undefined], ['PUBREL', undefined], ['PUBLISH', true]]);
  });

  it('MQTT-3.3.1-5 / MQTT-3.3.1-6 / MQTT-3.3.1-7 / MQTT-3.3.1-8: retained messages are replaced, cleared by an empty payload, untouched by RETAIN 0', () => {
    const b = RawBroker.v5();
    b.connect5('p', 'p');
    b.send('p', publish('t', 0, undefined, true, 'a'), publish('t', 0, undefined, true, 'b'), publish('t', 0, undefined, false, 'c'));
    expect(new TextDecoder().decode(b.state.retained.get('t')?.payload)).toBe('b');
    b.send('p', { ...publish('t', 0, undefined, true), payload: new Uint8Array(0) });
    expect(b.state.retained.has('t')).toBe(false);
  });

  it('MQTT-3.3.4-2 / MQTT-3.8.4-8 / MQTT-3.3.2-3: overlapping subscriptions give one copy at the highest QoS, capped by the published QoS, on the published topic', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t/#', 0), sub('t/+', 2)] });
    b.connect5('p', 'p');
    b.send('p', publish('t/x', 1, 1));
    expect(publishes(b, 's').map((p) => [p.topic, p.qos])).toEqual([['t/x', 1]]);
  });

  it('MQTT-3.8.4-3 / MQTT-3.8.4-5 / MQTT-3.10.4-1 / MQTT-3.10.4-2: the same filter replaces the subscription; UNSUBSCRIBE stops deliveries', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 0), sub('u', 1)] });
    b.send('s', { type: 'SUBSCRIBE', packetId: id(2), subscriptions: [sub('t', 2)] });
    expect(b.state.sessions.get('s')?.subscriptions.map((x) => [x.topicFilter, x.qos])).toEqual([['t', 2], ['u', 1]]);
    b.send('s', { type: 'UNSUBSCRIBE', packetId: id(3), topicFilters: ['t'] });
    b.connect5('p', 'p');
    b.send('p', publish('t', 0), publish('u', 0));
    expect(publishes(b, 's').map((p) => p.topic)).toEqual(['u']);
  });

  it('MQTT-3.10.4-3: messages in flight when unsubscribing complete', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 2)] });
    b.connect5('p', 'p');
    b.send('p', publish('t', 2, 1));
    b.send('s', { type: 'UNSUBSCRIBE', packetId: id(2), topicFilters: ['t'] });
    const packetId = publishes(b, 's')[0]?.packetId ?? id(1);
    expect(b.sentTo('s', b.send('s', { type: 'PUBREC', packetId }))).toEqual([{ type: 'PUBREL', packetId }]);
  });

  it('MQTT-4.5.0-1 / MQTT-3.1.3-2: a message joins the session of an offline subscriber, found again by its client id', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's', { cleanSession: false, properties: { sessionExpiryInterval: 0xffffffff } });
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 1)] });
    b.step({ type: 'connectionLost', connId: 's' });
    expect(b.wakeAtMs).toBeUndefined(); // 0xFFFFFFFF: the session never expires
    b.connect5('p', 'p');
    b.send('p', publish('t', 1, 1));
    expect(publishes(b, 's2', b.connect5('s2', 's', { cleanSession: false }))).toHaveLength(1);
  });
});
