/**
 * MQTT 5.0 PUBLISH through the broker, packet by packet: reason codes on the acks, Topic
 * Aliases, Receive Maximum both ways, properties carried through, Message Expiry, Maximum
 * Packet Size, and a subscriber's refusing PUBREC.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type Packet, type PublishPacket } from '../types';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);

function publish(topic: string, qos: 0 | 1 | 2, packetId?: number, extra: Partial<PublishPacket> = {}): PublishPacket {
  return { type: 'PUBLISH', topic, payload: text('m'), qos, dup: false, retain: false, ...(packetId ? { packetId: id(packetId) } : {}), ...extra };
}

function withSubscriber(options = {}, subscriber: Partial<Extract<Packet, { type: 'CONNECT' }>> = {}): RawBroker {
  const b = RawBroker.v5(options);
  b.connect5('s', 'sub', subscriber);
  b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't/#', qos: 2, noLocal: false, retainAsPublished: false, retainHandling: 0 }] });
  b.connect5('p', 'pub');
  return b;
}

const publishes = (b: RawBroker, connId: string, out = b.outputs) =>
  b.sentTo(connId, out).filter((p): p is PublishPacket => p.type === 'PUBLISH');

describe('broker: MQTT 5.0 PUBLISH inbound', () => {
  it('MQTT-3.3.4-1: PUBACK / PUBREC say 0x10 No matching subscribers when nobody matched, success otherwise', () => {
    const b = withSubscriber();
    expect(b.sentTo('p', b.send('p', publish('none', 1, 1)))).toEqual([{ type: 'PUBACK', packetId: 1, reasonCode: 0x10 }]);
    expect(b.sentTo('p', b.send('p', publish('none', 2, 2)))).toEqual([{ type: 'PUBREC', packetId: 2, reasonCode: 0x10 }]);
    expect(b.sentTo('p', b.send('p', publish('t/a', 1, 3)))).toEqual([{ type: 'PUBACK', packetId: 3 }]);
    const a = RawBroker.v5({ qos2Method: 'A' });
    a.connect5('p', 'pub');
    expect(a.sentTo('p', a.send('p', publish('none', 2, 4)))).toEqual([{ type: 'PUBREC', packetId: 4, reasonCode: 0x10 }]);
  });

  it('MQTT-4.4.0-2: a refused topic gets PUBACK / PUBREC 0x87 Not authorized; nothing is forwarded, QoS 0 included', () => {
    const b = withSubscriber({ refusedTopics: ['t/deny'] });
    const out = b.send('p', publish('t/deny', 0), publish('t/deny', 1, 1), publish('t/deny', 2, 2), publish('t/ok', 0));
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBACK', packetId: 1, reasonCode: 0x87 }, { type: 'PUBREC', packetId: 2, reasonCode: 0x87 }]);
    expect(publishes(b, 's', out).map((p) => p.topic)).toEqual(['t/ok']);
  });

  it('MQTT-3.3.2-12 / MQTT-3.3.2-7: a Topic Alias set with a topic is used with an empty one, on that connection only', () => {
    const b = withSubscriber({ topicAliasMaximum: 2 });
    b.send('p', publish('t/a', 0, undefined, { properties: { topicAlias: 2 } }));
    b.send('p', publish('', 0, undefined, { properties: { topicAlias: 2 } }));
    expect(publishes(b, 's').map((p) => p.topic)).toEqual(['t/a', 't/a']);
    expect(b.rules('broker.topicAlias.used')).toHaveLength(1);
    // A new connection starts with no aliases: using 2 is a Protocol Error.
    b.step({ type: 'connectionLost', connId: 'p' });
    b.connect5('p2', 'pub');
    const out = b.send('p2', publish('', 0, undefined, { properties: { topicAlias: 2 } }));
    expect(b.sentTo('p2', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
    expect(b.closed('p2', out)?.reason).toBe('protocolError');
  });

  it('MQTT-3.3.2-12: a Topic Alias above the broker maximum is DISCONNECT 0x94', () => {
    const b = withSubscriber({ topicAliasMaximum: 2 });
    const out = b.send('p', publish('t/a', 0, undefined, { properties: { topicAlias: 3 } }));
    expect(b.sentTo('p', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x94 }]);
    expect(publishes(b, 's')).toEqual([]);
  });

  it('MQTT-3.3.4-6: a client PUBLISH with a Subscription Identifier is a Protocol Error', () => {
    const b = withSubscriber();
    const out = b.send('p', publish('t/a', 0, undefined, { properties: { subscriptionIdentifiers: [3] } }));
    expect(b.sentTo('p', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
  });

  it('MQTT-3.3.4-7: one QoS 2 PUBLISH more than the broker Receive Maximum is DISCONNECT 0x93', () => {
    const b = withSubscriber({ receiveMaximum: 2 });
    b.send('p', publish('t/a', 2, 1), publish('t/a', 2, 2));
    // A repeat of an id awaiting PUBREL is not a new one; a PUBREL frees a place.
    b.send('p', { ...publish('t/a', 2, 2), dup: true });
    b.send('p', { type: 'PUBREL', packetId: id(1) });
    expect(b.closed('p')).toBeUndefined();
    b.send('p', publish('t/a', 2, 3));
    const out = b.send('p', publish('t/a', 2, 4));
    expect(b.sentTo('p', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x93 }]);
    expect(b.closed('p', out)?.reason).toBe('protocolError');
  });
});

describe('broker: MQTT 5.0 delivery', () => {
  it('MQTT-3.3.2-4 / MQTT-3.3.2-15 / MQTT-3.3.2-16 / MQTT-3.3.2-17 / MQTT-3.3.2-18 / MQTT-3.3.2-20: properties are forwarded unaltered, User Properties in order', () => {
    const b = withSubscriber();
    const properties = {
      payloadFormatIndicator: 1 as const, contentType: 'text/plain', responseTopic: 'reply/1', correlationData: text('c-1'),
      userProperties: [['b', '2'], ['a', '1'], ['b', '3']] as [string, string][],
    };
    b.send('p', publish('t/a', 1, 1, { properties }));
    expect(publishes(b, 's')[0]?.properties).toEqual(properties);
    // A 3.1.1 subscriber gets the message without properties.
    b.connect('old', 'old');
    b.send('old', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't/#', qos: 1 }] });
    b.send('p', publish('t/b', 1, 2, { properties }));
    expect(publishes(b, 'old')[0]).not.toHaveProperty('properties');
  });

  it('MQTT-3.3.2-5 / MQTT-3.3.2-6: a queued message past its expiry is not sent; one sent carries what is left of its interval', () => {
    const b = withSubscriber({}, { cleanSession: false, properties: { sessionExpiryInterval: 3600 } });
    b.step({ type: 'connectionLost', connId: 's' });
    b.send('p', publish('t/short', 1, 1, { properties: { messageExpiryInterval: 10 } }));
    b.send('p', publish('t/long', 1, 2, { properties: { messageExpiryInterval: 100 } }));
    b.nowMs = 30_000 as typeof b.nowMs;
    b.connect5('s2', 'sub', { cleanSession: false });
    const sent = publishes(b, 's2');
    expect(sent.map((p) => p.topic)).toEqual(['t/long']);
    expect(sent[0]?.properties?.messageExpiryInterval).toBe(70);
    expect(b.rules('broker.message.expired')).toMatchObject([{ rule: 'MQTT-3.3.2-5', params: { topic: 't/short' } }]);
  });

  it('MQTT-3.3.4-9 / MQTT-3.3.4-10 / MQTT-4.9.0-1 / MQTT-4.9.0-2 / MQTT-4.9.0-3: the client Receive Maximum is the window toward it; QoS 0 is not held back', () => {
    const b = withSubscriber({}, { properties: { receiveMaximum: 1 } });
    b.send('p', publish('t/1', 1, 1), publish('t/2', 1, 2), publish('t/3', 0));
    expect(publishes(b, 's').map((p) => p.topic)).toEqual(['t/1', 't/3']);
    b.send('s', { type: 'PUBACK', packetId: publishes(b, 's')[0]?.packetId ?? id(1) });
    expect(publishes(b, 's').map((p) => p.topic)).toEqual(['t/1', 't/3', 't/2']);
  });

  it('MQTT-3.1.2-24 / MQTT-3.1.2-25: a PUBLISH above the client Maximum Packet Size is not sent, and counts as delivered', () => {
    const b = withSubscriber({}, { properties: { maximumPacketSize: 40, receiveMaximum: 1 } });
    b.send('p', { ...publish('t/big', 1, 1), payload: new Uint8Array(100) });
    b.send('p', publish('t/small', 1, 2));
    const sent = b.outputs.filter((o) => o.type === 'send' && o.connId === 's' && o.packet.type === 'PUBLISH');
    expect(sent.map((o) => o.type === 'send' && (o.packet as PublishPacket).topic)).toEqual(['t/small']);
    expect(sent.every((o) => o.type === 'send' && o.bytes.length <= 40)).toBe(true);
    expect(b.rules('broker.packet.tooLarge')).toHaveLength(1);
  });

  it('MQTT-4.3.3-4 / MQTT-4.4.0-2: a PUBREC of 0x80 or more ends the exchange: no PUBREL, the window moves on', () => {
    const b = withSubscriber({}, { properties: { receiveMaximum: 1 } });
    b.send('p', publish('t/1', 2, 1), publish('t/2', 2, 2));
    const first = publishes(b, 's')[0];
    const out = b.send('s', { type: 'PUBREC', packetId: first?.packetId ?? id(1), reasonCode: 0x80 });
    expect(b.sentTo('s', out).map((p) => p.type)).toEqual(['PUBLISH']);
    expect(publishes(b, 's', out)[0]?.topic).toBe('t/2');
    expect(b.rules('broker.pubrec.failed')).toHaveLength(1);
    // A PUBREC below 0x80 goes on with PUBREL as always.
    const ok = b.send('s', { type: 'PUBREC', packetId: publishes(b, 's', out)[0]?.packetId ?? id(1), reasonCode: 0x10 });
    expect(b.sentTo('s', ok).map((p) => p.type)).toEqual(['PUBREL']);
  });
});
