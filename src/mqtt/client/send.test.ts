/**
 * Client session as a sender: packet ids, window and queue, re-sends, legacy retry.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId } from '../types';
import { clientView } from './index';
import { Harness, rule, sent, text } from './harness.test-support';

const id = asPacketId;

describe('client: sending', () => {
  it('MQTT-2.3.1-1 / MQTT-2.3.1-2: packet ids are non-zero, unused, and wrap after 65535', () => {
    const h = new Harness({ maxInflight: 5 });
    h.connect();
    h.state.flow.nextPacketId = id(65534);
    const ids = [...h.publish('a', 1), ...h.publish('b', 2), ...h.publish('c', 1)]
      .flatMap((o) => (o.type === 'send' && o.packet.type === 'PUBLISH' ? [o.packet.packetId] : []));
    expect(ids).toEqual([65534, 65535, 1]);
    h.state.flow.nextPacketId = id(65534); // everything from 65534 to 1 is in use now
    h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'x', qos: 0 }] });
    expect(h.state.requests[0]?.packet.packetId).toBe(2);
    expect(sent(h.publish('d', 1))[0]).toMatchObject({ packetId: id(3) });
  });

  it('MQTT-4.3.1-1: QoS 0 goes out once with DUP=0 and is reported published at once', () => {
    const h = new Harness();
    h.connect();
    const out = h.publish('a', 0);
    expect(sent(out)).toEqual([{ type: 'PUBLISH', topic: 't', payload: text('a'), qos: 0, dup: false, retain: false }]);
    expect(out.find((o) => o.type === 'published')).toBeDefined();
  });

  it('QoS 0 while offline is dropped and said so; QoS 1/2 wait for the connection', () => {
    const h = new Harness();
    expect(rule(h.publish('zero', 0), 'client.qos0.dropped')).toHaveLength(1);
    expect(rule(h.publish('one', 1), 'client.queued')).toHaveLength(1);
    h.step({ type: 'connectionOpened' });
    const out = h.receive({ type: 'CONNACK', sessionPresent: false, returnCode: 0 });
    expect(sent(out)).toMatchObject([{ type: 'PUBLISH', qos: 1, dup: false, packetId: id(1) }]);
  });

  it('the in-flight window holds maxInflight messages; the rest queue and go out as acks arrive', () => {
    const h = new Harness({ maxInflight: 2 });
    h.connect();
    const first = [...h.publish('a', 1), ...h.publish('b', 2), ...h.publish('c', 1)];
    expect(sent(first)).toHaveLength(2);
    expect(clientView(h.state)).toMatchObject({ awaitingPuback: [1], awaitingPubrec: [2], queued: 1 });
    expect(sent(h.receive({ type: 'PUBREC', packetId: id(2) }))).toEqual([{ type: 'PUBREL', packetId: id(2) }]);
    expect(clientView(h.state)).toMatchObject({ awaitingPubcomp: [2], queued: 1 });
    expect(sent(h.receive({ type: 'PUBACK', packetId: id(1) }))).toMatchObject([{ type: 'PUBLISH', packetId: id(3) }]);
  });

  it('MQTT-4.3.2-1 / MQTT-4.3.3-1: published is reported on PUBACK (QoS 1) and on PUBCOMP (QoS 2), not before', () => {
    const h = new Harness();
    h.connect();
    h.publish('a', 2);
    expect(h.receive({ type: 'PUBREC', packetId: id(1) }).some((o) => o.type === 'published')).toBe(false);
    expect(h.receive({ type: 'PUBCOMP', packetId: id(1) }).find((o) => o.type === 'published')).toMatchObject({ packetId: id(1) });
  });

  it('MQTT-4.6.0-4: PUBRELs go out in the order the PUBRECs arrived', () => {
    const h = new Harness();
    h.connect();
    h.publish('a', 2); h.publish('b', 2); h.publish('c', 2);
    const out = h.receive({ type: 'PUBREC', packetId: id(3) }, { type: 'PUBREC', packetId: id(1) }, { type: 'PUBREC', packetId: id(2) });
    expect(sent(out).map((p) => (p.type === 'PUBREL' ? p.packetId : 0))).toEqual([3, 1, 2]);
  });

  it('MQTT-4.4.0-1 / MQTT-4.6.0-1: on sessionPresent=1, PUBLISH (DUP=1) and PUBREL are re-sent in original order', () => {
    const h = new Harness();
    h.connect();
    h.publish('a', 2); h.publish('b', 1); h.publish('c', 2);
    h.receive({ type: 'PUBREC', packetId: id(1) });
    h.step({ type: 'connectionLost' });
    const out = h.connect(true);
    expect(sent(out)).toMatchObject([
      { type: 'PUBREL', packetId: id(1) }, { type: 'PUBLISH', packetId: id(2), dup: true }, { type: 'PUBLISH', packetId: id(3), dup: true },
    ]);
    expect(out.filter((o) => o.type === 'send').every((o) => o.type === 'send' && o.retransmission)).toBe(true);
  });

  it('MQTT-3.1.2-6: cleanSession=1 discards unacknowledged messages before reconnecting', () => {
    const h = new Harness({ cleanSession: true });
    h.connect();
    h.publish('a', 2);
    h.step({ type: 'connectionLost' });
    const opened = h.step({ type: 'connectionOpened' });
    expect(rule(opened, 'client.session.discarded')[0]).toMatchObject({ params: { publishes: 1, pubrels: 0 } });
    expect(sent(h.receive({ type: 'CONNACK', sessionPresent: false, returnCode: 0 }))).toEqual([]);
  });

  it('retryOnTimeout: re-sends with DUP=1 after retryTimeoutMs without reconnecting', () => {
    const h = new Harness({ retryMode: 'retryOnTimeout', retryTimeoutMs: 2000 });
    h.connect();
    h.publish('a', 1);
    expect(h.wakeAtMs).toBe(2000);
    h.nowMs = 2000;
    const out = h.step({ type: 'timeAdvanced' });
    expect(sent(out)).toMatchObject([{ type: 'PUBLISH', packetId: id(1), dup: true }]);
    expect(rule(out, 'client.resend.publish')[0]).toMatchObject({ params: { reason: 'timeout' } });
    expect(h.wakeAtMs).toBe(4000);
  });

  it('retryOnTimeout: an unanswered SUBSCRIBE is sent again with the same packet id (MQTT 3.1 mode)', () => {
    const h = new Harness({ retryMode: 'retryOnTimeout', retryTimeoutMs: 2000 });
    h.connect();
    const first = sent(h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 't', qos: 1 }] }));
    expect(first).toMatchObject([{ type: 'SUBSCRIBE', packetId: id(1) }]);
    expect(h.wakeAtMs).toBe(2000);
    h.nowMs = 2000;
    const out = h.step({ type: 'timeAdvanced' });
    expect(sent(out)).toEqual(first);
    expect(rule(out, 'client.resend.request')[0]).toMatchObject({ params: { packetType: 'SUBSCRIBE', packetId: 1 } });
    h.receive({ type: 'SUBACK', packetId: id(1), returnCodes: [1] });
    expect(h.wakeAtMs).toBeUndefined();
  });

  it('reconnect mode never re-sends a SUBSCRIBE on a timer', () => {
    const h = new Harness({ retryTimeoutMs: 2000 });
    h.connect();
    h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 't', qos: 1 }] });
    expect(h.wakeAtMs).toBeUndefined();
  });
});
