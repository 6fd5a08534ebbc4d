/**
 * Smaller MQTT 5.0 broker duties, packet by packet: what the broker never sends (Topic
 * Aliases, Response Information, DUP on a first send), topic wildcard rules, and which
 * Subscription Identifiers each copy carries.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type PublishPacket, type Subscription } from '../types';
import { encode } from '../codec';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);
const sub = (topicFilter: string, qos: 0 | 1 | 2 = 1): Subscription => ({ topicFilter, qos, noLocal: false, retainAsPublished: false, retainHandling: 0 });
const publishes = (b: RawBroker, connId: string, out = b.outputs) =>
  b.sentTo(connId, out).filter((p): p is PublishPacket => p.type === 'PUBLISH');

describe('broker: MQTT 5.0, smaller duties', () => {
  it('MQTT-3.1.2-1: a protocol name other than "MQTT" closes the connection (no version known: no CONNACK)', () => {
    const b = RawBroker.v5();
    b.open('c1');
    const bytes = encode({ type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'a', cleanSession: true, keepAliveSec: 0 });
    bytes[5] = 0x58; // 'MQTT' -> 'MQXT'
    const out = b.step({ type: 'bytesReceived', connId: 'c1', bytes });
    expect(b.sentTo('c1', out)).toEqual([]);
    expect(b.closed('c1', out)?.reason).toBe('protocolError');
  });

  it('MQTT-3.1.2-26 / MQTT-3.1.2-27 / MQTT-3.3.2-11 / MQTT-3.1.2-28: the broker sends no Topic Alias and no Response Information', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c', { properties: { topicAliasMaximum: 5, requestResponseInformation: false } });
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t')] });
    b.send('c', { type: 'PUBLISH', topic: 't', payload: text('m'), qos: 0, dup: false, retain: false });
    b.send('c', { type: 'PUBLISH', topic: 't', payload: text('m'), qos: 0, dup: false, retain: false });
    expect(publishes(b, 'c').every((p) => p.topic === 't' && p.properties?.topicAlias === undefined)).toBe(true);
    expect(b.sentTo('c')[0]).not.toHaveProperty('properties.responseInformation');
  });

  it('MQTT-3.3.1-3 / MQTT-4.3.2-2 / MQTT-4.3.3-2: a first send has DUP 0, whatever the publisher DUP', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 2)] });
    b.connect5('p', 'p');
    b.send('p', { type: 'PUBLISH', topic: 't', payload: text('m'), qos: 1, dup: true, retain: false, packetId: id(1) });
    b.send('p', { type: 'PUBLISH', topic: 't', payload: text('m'), qos: 2, dup: true, retain: false, packetId: id(2) });
    expect(publishes(b, 's').map((p) => [p.qos, p.dup])).toEqual([[1, false], [2, false]]);
  });

  it('MQTT-4.3.2-3: a QoS 1 PUBLISH to a subscriber stays unacknowledged until PUBACK: re-sent on reconnect', () => {
    const b = RawBroker.v5();
    b.connect5('s', 's', { cleanSession: false, properties: { sessionExpiryInterval: 60 } });
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 1)] });
    b.connect5('p', 'p');
    b.send('p', { type: 'PUBLISH', topic: 't', payload: text('m'), qos: 1, dup: false, retain: false, packetId: id(1) });
    b.step({ type: 'connectionLost', connId: 's' });
    expect(publishes(b, 's2', b.connect5('s2', 's', { cleanSession: false })).map((p) => p.dup)).toEqual([true]);
  });

  it('MQTT-3.3.2-8: Topic Alias 0 from a client is DISCONNECT 0x94', () => {
    const b = RawBroker.v5();
    b.connect5('p', 'p');
    const bytes = encode({ type: 'PUBLISH', topic: 't', payload: text('m'), qos: 0, dup: false, retain: false, properties: { topicAlias: 1 } }, { version: 5 });
    // ... 0x23 (Topic Alias) 0x00 0x01, then the payload 'm': the alias 1 -> 0 (the encoder refuses 0)
    bytes[bytes.length - 2] = 0x00;
    const out = b.step({ type: 'bytesReceived', connId: 'p', bytes });
    expect(b.sentTo('p', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x94 }]);
  });

  it('MQTT-3.3.4-5: several copies to one client (a plain and a shared subscription) carry each its own identifier', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c');
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t')], properties: { subscriptionIdentifier: 1 } });
    b.send('c', { type: 'SUBSCRIBE', packetId: id(2), subscriptions: [sub('$share/g/t')], properties: { subscriptionIdentifier: 2 } });
    b.connect5('p', 'p');
    b.send('p', { type: 'PUBLISH', topic: 't', payload: text('m'), qos: 0, dup: false, retain: false });
    expect(publishes(b, 'c').map((p) => p.properties?.subscriptionIdentifiers)).toEqual([[1], [2]]);
  });

  it('MQTT-4.7.1-1 / MQTT-4.7.1-2 / MQTT-4.7.2-1: wildcard rules: misplaced wildcards are refused, "#" does not match "$" topics', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c');
    const out = b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('a/#/b'), sub('a+'), sub('#', 0), sub('+/x', 0)] });
    expect(b.sentTo('c', out)).toEqual([{ type: 'SUBACK', packetId: 1, reasonCodes: [0x8f, 0x8f, 0, 0] }]);
    b.connect5('p', 'p');
    b.send('p', { type: 'PUBLISH', topic: '$SYS/x', payload: text('m'), qos: 0, dup: false, retain: false });
    b.send('p', { type: 'PUBLISH', topic: 'a/x', payload: text('m'), qos: 0, dup: false, retain: false });
    expect(publishes(b, 'c').map((p) => p.topic)).toEqual(['a/x']);
  });
});
