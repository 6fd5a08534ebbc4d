/**
 * The MQTT 5.0 client publishing and receiving, and subscribing: Receive Maximum both ways,
 * acknowledgements with Reason Codes, the server's limits, Topic Aliases, message properties.
 * Packet by packet against a scripted 5.0 broker; each test is named after the 5.0 statement.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type PublishPacket } from '../types';
import { closeOf, delivered, harness5, rule, sent, text } from './harness.test-support';

const id = asPacketId;
const inbound = (qos: 0 | 1 | 2, packetId?: number, extra: Partial<PublishPacket> = {}): PublishPacket => ({
  type: 'PUBLISH', topic: 't', payload: text('m'), qos, dup: false, retain: false,
  ...(packetId === undefined ? {} : { packetId: id(packetId) }), ...extra,
});

describe('client 5.0: sending', () => {
  it('MQTT-3.3.4-7: the client keeps to the server\'s Receive Maximum (the window is min(maxInflight, it))', () => {
    const h = harness5({ maxInflight: 10 });
    const out = h.connect(false, { receiveMaximum: 2 });
    expect(rule(out, 'client.connack.limits')[0]).toMatchObject({ rule: 'MQTT-3.3.4-7', params: { receiveMaximum: 2 } });
    const burst = ['a', 'b', 'c'].flatMap((p) => h.publish(p, 1));
    expect(sent(burst).map((p) => p.type === 'PUBLISH' && p.packetId)).toEqual([id(1), id(2)]);
    expect(sent(h.receive({ type: 'PUBACK', packetId: id(1) }))).toMatchObject([{ type: 'PUBLISH', packetId: id(3) }]);
  });

  it('MQTT-3.3.4-8: with the window full, QoS 0 and acknowledgements still go out at once', () => {
    const h = harness5();
    h.connect(false, { receiveMaximum: 1 });
    h.publish('a', 1);
    expect(sent(h.publish('q', 1))).toEqual([]);
    expect(sent(h.publish('zero', 0))).toMatchObject([{ type: 'PUBLISH', qos: 0 }]);
    expect(sent(h.receive(inbound(1, 7)))).toEqual([{ type: 'PUBACK', packetId: id(7) }]);
  });

  it('MQTT-4.4.0-2: a PUBACK with a Reason Code >= 0x80 acknowledges: never re-sent, the id free, the message reported as refused', () => {
    const h = harness5({ sessionExpiryInterval: 60 });
    h.connect(false, { receiveMaximum: 1 });
    h.publish('a', 1);
    h.publish('b', 1);
    const out = h.receive({ type: 'PUBACK', packetId: id(1), reasonCode: 0x87 });
    expect(rule(out, 'client.publish.refused')[0]).toMatchObject({ rule: 'MQTT-4.4.0-2', params: { packetType: 'PUBACK', reasonCode: 0x87, reasonName: 'Not authorized' } });
    expect(out.find((o) => o.type === 'discarded')).toMatchObject({ reason: 'refusedByServer', reasonCode: 0x87, messages: [{ payload: text('a') }] });
    expect(out.find((o) => o.type === 'published')).toBeUndefined();
    expect(sent(out)).toMatchObject([{ type: 'PUBLISH', packetId: id(2) }]); // the window moved on
    h.step({ type: 'connectionLost' });
    expect(sent(h.connect(true)).map((p) => p.type === 'PUBLISH' && p.payload)).toEqual([text('b')]);
  });

  it('MQTT-4.3.3-4: a PUBREC with a Reason Code >= 0x80 ends the exchange: no PUBREL', () => {
    const h = harness5();
    h.connect();
    h.publish('a', 2);
    const out = h.receive({ type: 'PUBREC', packetId: id(1), reasonCode: 0x97 });
    expect(sent(out)).toEqual([]);
    expect(rule(out, 'client.publish.refused')[0]).toMatchObject({ params: { packetType: 'PUBREC', reasonCode: 0x97 } });
    expect(h.state.flow.inflight).toEqual([]);
    // A success code below 0x80 (0x10 No matching subscribers) is a normal PUBREC: PUBREL follows.
    h.publish('b', 2);
    expect(sent(h.receive({ type: 'PUBREC', packetId: id(2), reasonCode: 0x10 }))).toEqual([{ type: 'PUBREL', packetId: id(2) }]);
  });

  it('PUBCOMP 0x92 Packet Identifier not found ends the exchange; a PUBREC for an unknown id gets PUBREL 0x92', () => {
    const h = harness5();
    h.connect();
    h.publish('a', 2);
    h.receive({ type: 'PUBREC', packetId: id(1) });
    const out = h.receive({ type: 'PUBCOMP', packetId: id(1), reasonCode: 0x92 });
    expect(rule(out, 'client.ack.notFound')).toHaveLength(1);
    expect(out.find((o) => o.type === 'published')).toMatchObject({ packetId: id(1) });
    expect(sent(h.receive({ type: 'PUBREC', packetId: id(40) }))).toEqual([{ type: 'PUBREL', packetId: id(40), reasonCode: 0x92 }]);
  });

  it('MQTT-4.4.0-1 (5.0): no re-send on the same connection, even with the legacy retryOnTimeout mode', () => {
    const h = harness5({ retryMode: 'retryOnTimeout', retryTimeoutMs: 1000 });
    h.connect();
    expect(rule(h.outputs, 'client.retry.notIn5')).toHaveLength(1);
    h.publish('a', 1);
    expect(h.wakeAtMs).toBeUndefined();
    h.nowMs = 5000;
    expect(sent(h.step({ type: 'timeAdvanced' }))).toEqual([]);
  });

  it('MQTT-3.2.2-11: no PUBLISH above the server\'s Maximum QoS: the application is told', () => {
    const h = harness5();
    h.connect(false, { maximumQoS: 1 });
    const out = h.publish('a', 2);
    expect(sent(out)).toEqual([]);
    expect(rule(out, 'client.request.rejected')[0]).toMatchObject({ rule: 'MQTT-3.2.2-11' });
    expect(sent(h.publish('b', 1))).toHaveLength(1);
  });

  it('MQTT-3.2.2-14: Retain Available 0: no PUBLISH with RETAIN 1', () => {
    const h = harness5();
    h.connect(false, { retainAvailable: false });
    const out = h.publish('a', 0, undefined, true);
    expect(sent(out)).toEqual([]);
    expect(rule(out, 'client.request.rejected')[0]).toMatchObject({ rule: 'MQTT-3.2.2-14' });
  });

  it('MQTT-3.2.2-15: nothing above the server\'s Maximum Packet Size is sent', () => {
    const h = harness5();
    h.connect(false, { maximumPacketSize: 50 });
    expect(rule(h.publish('x'.repeat(60), 1), 'client.request.rejected')[0]).toMatchObject({ rule: 'MQTT-3.2.2-15' });
    expect(sent(h.publish('small', 1))).toHaveLength(1);
  });

  it('MQTT-3.3.4-6 / MQTT-3.2.2-17 / MQTT-3.2.2-18: the client\'s PUBLISH carries the application\'s properties, never a Subscription Identifier or a Topic Alias', () => {
    const h = harness5();
    h.connect(false, { topicAliasMaximum: 10 });
    const out = h.publish('a', 1, {
      messageExpiryInterval: 30, contentType: 'text/plain', payloadFormatIndicator: 1, responseTopic: 'r',
      correlationData: text('c'), userProperties: [['k', 'v']], subscriptionIdentifiers: [3],
    });
    expect(sent(out)).toEqual([{ type: 'PUBLISH', topic: 't', payload: text('a'), qos: 1, dup: false, retain: false, packetId: id(1),
      properties: { messageExpiryInterval: 30, contentType: 'text/plain', payloadFormatIndicator: 1, responseTopic: 'r',
        correlationData: text('c'), userProperties: [['k', 'v']] } }]);
  });
});

describe('client 5.0: receiving', () => {
  it('the application receives the PUBLISH\'s properties with the message, user properties in order', () => {
    const h = harness5();
    h.connect();
    const properties = { payloadFormatIndicator: 1 as const, messageExpiryInterval: 9, contentType: 'json', responseTopic: 'r',
      correlationData: text('id'), userProperties: [['b', '2'], ['a', '1'], ['b', '3']] as [string, string][], subscriptionIdentifiers: [4, 7] };
    const out = h.receive(inbound(1, 5, { properties }));
    expect(delivered(out)).toEqual([{ type: 'deliver', message: { topic: 't', payload: text('m'), qos: 1, retain: false, properties } }]);
  });

  it('MQTT-3.3.2-10: the client accepts Topic Aliases up to its maximum: alias + topic sets, alias + empty topic uses', () => {
    const h = harness5({ topicAliasMaximum: 2 });
    h.connect();
    const set = h.receive(inbound(0, undefined, { topic: 'long/topic', properties: { topicAlias: 2 } }));
    expect(rule(set, 'client.topicAlias.set')[0]).toMatchObject({ params: { alias: 2, topic: 'long/topic' } });
    const used = h.receive(inbound(1, 1, { topic: '', properties: { topicAlias: 2 } }));
    expect(delivered(used)[0]).toMatchObject({ message: { topic: 'long/topic' } });
    expect(delivered(used)[0]?.message.properties).toBeUndefined(); // the alias belongs to the connection
    expect(rule(used, 'client.topicAlias.used')).toHaveLength(1);
  });

  it('MQTT-3.1.2-26 / MQTT-3.1.2-27: an alias above the client\'s Topic Alias Maximum (absent = 0) is answered DISCONNECT 0x94', () => {
    const h = harness5();
    h.connect();
    const out = h.receive(inbound(0, undefined, { properties: { topicAlias: 1 } }));
    expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x94 }]);
    expect(closeOf(out)).toMatchObject({ reason: 'protocolError', reasonCode: 0x94 });
    expect(delivered(out)).toEqual([]);
  });

  it('MQTT-3.3.2-7: Topic Alias mappings do not outlive the connection: an unknown alias is a Protocol Error (0x82)', () => {
    const h = harness5({ topicAliasMaximum: 5, sessionExpiryInterval: 60 });
    h.connect();
    h.receive(inbound(0, undefined, { topic: 'a/b', properties: { topicAlias: 1 } }));
    h.step({ type: 'connectionLost' });
    h.connect(true);
    const out = h.receive(inbound(0, undefined, { topic: '', properties: { topicAlias: 1 } }));
    expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
  });

  it('more unacknowledged QoS 1/2 PUBLISH than the client\'s Receive Maximum: DISCONNECT 0x93 (MQTT-3.3.4-9 broken)', () => {
    const h = harness5({ receiveMaximum: 2 });
    h.connect();
    h.receive(inbound(2, 1), inbound(2, 2));
    // A re-send of a held id is not a new one; a QoS 0 is not counted.
    expect(sent(h.receive(inbound(2, 2, { dup: true }), inbound(0)))).toEqual([{ type: 'PUBREC', packetId: id(2) }]);
    const out = h.receive(inbound(1, 3));
    expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x93 }]);
    expect(delivered(out)).toEqual([]);
    expect(closeOf(out)).toMatchObject({ error: { rule: 'MQTT-3.3.4-9' } });
  });

  it('a PUBREL for an id the client does not hold is answered PUBCOMP 0x92 Packet Identifier not found', () => {
    const h = harness5();
    h.connect();
    expect(sent(h.receive({ type: 'PUBREL', packetId: id(8) }))).toEqual([{ type: 'PUBCOMP', packetId: id(8), reasonCode: 0x92 }]);
    h.receive(inbound(2, 9));
    expect(sent(h.receive({ type: 'PUBREL', packetId: id(9) }))).toEqual([{ type: 'PUBCOMP', packetId: id(9) }]);
  });
});

describe('client 5.0: subscriptions', () => {
  it('SUBSCRIBE carries the subscription options and a Subscription Identifier; SUBACK failures are noted (MQTT-3.9.3-1)', () => {
    const h = harness5();
    h.connect();
    const subscriptions = [
      { topicFilter: 'a/#', qos: 2 as const, noLocal: true, retainAsPublished: true, retainHandling: 2 as const },
      { topicFilter: 'b', qos: 1 as const, noLocal: false, retainAsPublished: false, retainHandling: 1 as const },
    ];
    const out = h.step({ type: 'appSubscribed', subscriptions, properties: { subscriptionIdentifier: 42 } });
    expect(sent(out)).toEqual([{ type: 'SUBSCRIBE', packetId: id(1), subscriptions, properties: { subscriptionIdentifier: 42 } }]);
    const ack = h.receive({ type: 'SUBACK', packetId: id(1), reasonCodes: [0x01, 0x87] });
    expect(ack).toContainEqual({ type: 'subscribed', packetId: id(1), returnCodes: [1, 0x80], reasonCodes: [0x01, 0x87] });
    expect(rule(ack, 'client.subscribe.refused')[0]).toMatchObject({ params: { topicFilter: 'b', reasonCode: 0x87, reasonName: 'Not authorized' } });
    expect(h.state.subscriptions).toEqual([{ ...subscriptions[0], qos: 1 }]);
  });

  it('MQTT-3.11.3-1: UNSUBACK Reason Codes, one per filter in order; a refusal keeps the subscription', () => {
    const h = harness5();
    h.connect();
    h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'a', qos: 1 }, { topicFilter: 'b', qos: 1 }] });
    h.receive({ type: 'SUBACK', packetId: id(1), reasonCodes: [1, 1] });
    h.step({ type: 'appUnsubscribed', topicFilters: ['a', 'b'] });
    const out = h.receive({ type: 'UNSUBACK', packetId: id(2), reasonCodes: [0x00, 0x87] });
    expect(out).toContainEqual({ type: 'unsubscribed', packetId: id(2), reasonCodes: [0x00, 0x87] });
    expect(rule(out, 'client.unsubscribe.refused')[0]).toMatchObject({ params: { topicFilter: 'b' } });
    expect(h.state.subscriptions.map((s) => s.topicFilter)).toEqual(['b']);
    h.step({ type: 'appUnsubscribed', topicFilters: ['b'] });
    expect(closeOf(h.receive({ type: 'UNSUBACK', packetId: id(3), reasonCodes: [] }))).toMatchObject({ reasonCode: 0x82 });
  });
});
