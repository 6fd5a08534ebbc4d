/**
 * MQTT 5.0 SUBSCRIBE / UNSUBSCRIBE on the broker, packet by packet: Reason Codes, the
 * subscription options (No Local, Retain As Published, Retain Handling), Subscription
 * Identifiers and shared subscriptions.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type PublishPacket, type Subscription } from '../types';
import { encode } from '../codec';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);

const sub = (topicFilter: string, qos: 0 | 1 | 2 = 1, o: Partial<Subscription> = {}): Subscription =>
  ({ topicFilter, qos, noLocal: false, retainAsPublished: false, retainHandling: 0, ...o });
const publish = (topic: string, retain = false, qos: 0 | 1 = 0): PublishPacket =>
  ({ type: 'PUBLISH', topic, payload: text('m'), qos, dup: false, retain, ...(qos > 0 ? { packetId: id(7) } : {}) });
const publishes = (b: RawBroker, connId: string, out = b.outputs) =>
  b.sentTo(connId, out).filter((p): p is PublishPacket => p.type === 'PUBLISH');

describe('broker: MQTT 5.0 SUBSCRIBE and UNSUBSCRIBE', () => {
  it('MQTT-3.8.4-1 / MQTT-3.8.4-2 / MQTT-3.8.4-6 / MQTT-3.8.4-7 / MQTT-3.9.3-1: one SUBACK, a Reason Code per filter in order', () => {
    const b = RawBroker.v5({ refusedFilters: ['secret/#'] });
    b.connect5('c', 'c');
    const out = b.send('c', { type: 'SUBSCRIBE', packetId: id(5), subscriptions: [sub('a', 2), sub('secret/x'), sub('a/#/b'), sub('b', 0)] });
    expect(b.sentTo('c', out)).toEqual([{ type: 'SUBACK', packetId: 5, reasonCodes: [2, 0x87, 0x8f, 0] }]);
  });

  it('MQTT-4.8.2: shared subscriptions disabled: SUBACK 0x9E', () => {
    const b = RawBroker.v5({ sharedSubscriptions: false });
    b.connect5('c', 'c');
    const out = b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('$share/g/t'), sub('t')] });
    expect(b.sentTo('c', out)).toEqual([{ type: 'SUBACK', packetId: 1, reasonCodes: [0x9e, 1] }]);
  });

  it('MQTT-3.10.4-4 / MQTT-3.10.4-5 / MQTT-3.10.4-6 / MQTT-3.11.3-1: UNSUBACK says 0x11 for a filter with no subscription, in order', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c');
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('a')] });
    const out = b.send('c', { type: 'UNSUBSCRIBE', packetId: id(2), topicFilters: ['x', 'a'] });
    expect(b.sentTo('c', out)).toEqual([{ type: 'UNSUBACK', packetId: 2, reasonCodes: [0x11, 0x00] }]);
  });

  it('MQTT-3.3.4-3 / MQTT-3.3.4-4: one copy carries the Subscription Identifiers of every matching subscription', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c');
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t/#')], properties: { subscriptionIdentifier: 7 } });
    b.send('c', { type: 'SUBSCRIBE', packetId: id(2), subscriptions: [sub('t/+')], properties: { subscriptionIdentifier: 9 } });
    b.send('c', { type: 'SUBSCRIBE', packetId: id(3), subscriptions: [sub('+/x')] });
    b.connect5('p', 'p');
    b.send('p', publish('t/x'));
    const sent = publishes(b, 'c');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.properties?.subscriptionIdentifiers).toEqual([7, 9]);
  });

  it('MQTT-3.8.3-3: No Local: a message is not sent back to the client that published it', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c');
    b.connect5('d', 'd');
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 0, { noLocal: true })] });
    b.send('d', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 0)] });
    b.send('c', publish('t'));
    expect(publishes(b, 'c')).toEqual([]);
    expect(publishes(b, 'd')).toHaveLength(1);
    b.send('d', publish('t'));
    expect(publishes(b, 'c')).toHaveLength(1);
  });

  it('MQTT-3.3.1-12 / MQTT-3.3.1-13: Retain As Published keeps RETAIN 1; without it the flag is 0', () => {
    const b = RawBroker.v5();
    b.connect5('rap', 'rap');
    b.connect5('plain', 'plain');
    b.send('rap', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 0, { retainAsPublished: true })] });
    b.send('plain', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 0)] });
    b.connect5('p', 'p');
    b.send('p', publish('t', true));
    expect(publishes(b, 'rap')[0]?.retain).toBe(true);
    expect(publishes(b, 'plain')[0]?.retain).toBe(false);
  });

  it('MQTT-3.3.1-9 / MQTT-3.3.1-10 / MQTT-3.3.1-11 / MQTT-3.8.4-4: Retain Handling 0 always, 1 only for a new subscription, 2 never', () => {
    const b = RawBroker.v5();
    b.connect5('p', 'p');
    b.send('p', publish('t', true));
    b.connect5('c', 'c');
    const count = (rh: 0 | 1 | 2) => publishes(b, 'c', b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t', 0, { retainHandling: rh })] })).length;
    expect(count(1)).toBe(1); // new
    expect(count(1)).toBe(0); // existing
    expect(count(0)).toBe(1); // replaced, Retain Handling 0: sent again
    expect(count(2)).toBe(0);
    expect(b.rules('broker.retained.notSent').map((r) => r.rule)).toEqual(['MQTT-3.3.1-10', 'MQTT-3.3.1-11']);
  });

  it('MQTT-4.8.2-1 / MQTT-4.8.2-2: a shared filter needs a ShareName without wildcards and a filter after it', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c');
    const out = b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('$share//t'), sub('$share/g+/t'), sub('$share/g'), sub('$share/g/t')] });
    expect(b.sentTo('c', out)).toEqual([{ type: 'SUBACK', packetId: 1, reasonCodes: [0x8f, 0x8f, 0x8f, 1] }]);
  });

  it('MQTT-4.8.2-3: each message goes to one member of a shared group, round robin, at that member\'s QoS', () => {
    const b = RawBroker.v5();
    for (const c of ['m1', 'm2']) {
      b.connect5(c, c);
      b.send(c, { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('$share/g/t/#', c === 'm1' ? 0 : 1)] });
    }
    b.connect5('all', 'all');
    b.send('all', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('t/#', 0)] });
    b.connect5('p', 'p');
    for (let i = 0; i < 4; i++) b.send('p', publish(`t/${i}`, false, 1));
    expect(publishes(b, 'm1').map((p) => [p.topic, p.qos])).toEqual([['t/0', 0], ['t/2', 0]]);
    expect(publishes(b, 'm2').map((p) => [p.topic, p.qos])).toEqual([['t/1', 1], ['t/3', 1]]);
    expect(publishes(b, 'all')).toHaveLength(4);
    // A shared subscription gets no retained messages on subscribe.
    b.send('p', publish('t/r', true));
    b.connect5('m3', 'm3');
    expect(publishes(b, 'm3', b.send('m3', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('$share/g/t/#')] }))).toEqual([]);
  });

  it('MQTT-3.8.3-4: No Local on a shared subscription is a Protocol Error', () => {
    const b = RawBroker.v5();
    b.connect5('c', 'c');
    const bytes = encode({ type: 'SUBSCRIBE', packetId: id(1), subscriptions: [sub('$share/g/t', 0)] }, { version: 5 });
    bytes[bytes.length - 1] |= 0x04; // the No Local bit of the options byte (the encoder refuses to write it)
    const out = b.step({ type: 'bytesReceived', connId: 'c', bytes });
    expect(b.sentTo('c', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
  });
});
