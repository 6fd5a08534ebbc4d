/**
 * Client session: connecting, subscriptions and keep alive.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId } from '../types';
import { clientView } from './index';
import { Harness, closeOf, rule, sent, text } from './harness.test-support';

const id = asPacketId;

describe('client: connecting', () => {
  it('MQTT-3.1.0-1: the first packet is CONNECT with the session options', () => {
    const h = new Harness({ cleanSession: true, keepAliveSec: 30, username: 'u', password: text('p'),
      will: { topic: 'w', payload: text('bye'), qos: 1, retain: true } });
    expect(sent(h.step({ type: 'connectionOpened' }))).toEqual([{
      type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: 'c', cleanSession: true, keepAliveSec: 30,
      will: { topic: 'w', payload: text('bye'), qos: 1, retain: true }, username: 'u', password: text('p'),
    }]);
  });

  it('MQTT-3.1.3-7: an empty client id with cleanSession=0 is refused locally, nothing is sent', () => {
    const h = new Harness({ clientId: '', cleanSession: false });
    const out = h.step({ type: 'connectionOpened' });
    expect(sent(out)).toEqual([]);
    expect(closeOf(out)).toMatchObject({ reason: 'protocolError', error: { side: 'local', rule: 'MQTT-3.1.3-7' } });
  });

  it('CONNACK 0 reports connected with sessionPresent', () => {
    const h = new Harness();
    expect(h.connect(true).find((o) => o.type === 'connected')).toEqual({ type: 'connected', sessionPresent: true, returnCode: 0 });
    expect(clientView(h.state)).toMatchObject({ connected: true, sessionPresent: true });
  });

  it('MQTT-3.2.2-5: a refusing CONNACK is reported and the connection closed', () => {
    const h = new Harness();
    h.step({ type: 'connectionOpened' });
    const out = h.receive({ type: 'CONNACK', sessionPresent: false, returnCode: 5 });
    expect(out.find((o) => o.type === 'connected')).toMatchObject({ returnCode: 5 });
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'refused' });
  });

  it('MQTT-3.2.0-1: anything but CONNACK first from the server is a protocol violation', () => {
    const h = new Harness();
    h.step({ type: 'connectionOpened' });
    expect(closeOf(h.receive({ type: 'PINGRESP' }))).toMatchObject({ reason: 'protocolError' });
  });

  it('MQTT-4.8.0-1: a packet only clients send, or malformed bytes, close the connection', () => {
    const h = new Harness();
    h.connect();
    expect(closeOf(h.receive({ type: 'PINGREQ' }))).toMatchObject({ reason: 'protocolError' });
    const h2 = new Harness();
    h2.connect();
    // PUBLISH with both QoS bits set (MQTT-3.3.1-4).
    expect(closeOf(h2.step({ type: 'bytesReceived', bytes: new Uint8Array([0x36, 3, 0, 1, 0x74]) }))).toMatchObject({ reason: 'protocolError' });
  });

  it('MQTT-3.14.4-1 / MQTT-3.14.4-2: DISCONNECT, then close, then nothing more on that connection', () => {
    const h = new Harness();
    h.connect();
    const out = h.step({ type: 'appDisconnected' });
    expect(sent(out)).toEqual([{ type: 'DISCONNECT' }]);
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'disconnect' });
    expect(sent(h.publish('later', 1))).toEqual([]);
    expect(h.wakeAtMs).toBeUndefined();
  });
});

describe('client: subscriptions', () => {
  it('MQTT-2.3.1-7: SUBACK and UNSUBACK complete the request with the same packetId', () => {
    const h = new Harness();
    h.connect();
    const out = h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'a/#', qos: 2 }, { topicFilter: 'b', qos: 1 }] });
    expect(sent(out)).toEqual([{ type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'a/#', qos: 2 }, { topicFilter: 'b', qos: 1 }] }]);
    const ack = h.receive({ type: 'SUBACK', packetId: id(1), returnCodes: [1, 0x80] });
    expect(ack).toContainEqual({ type: 'subscribed', packetId: id(1), returnCodes: [1, 0x80] });
    expect(h.state.subscriptions).toEqual([{ topicFilter: 'a/#', qos: 1 }]);
    h.step({ type: 'appUnsubscribed', topicFilters: ['a/#'] });
    expect(h.receive({ type: 'UNSUBACK', packetId: id(2) })).toContainEqual({ type: 'unsubscribed', packetId: id(2) });
    expect(h.state.subscriptions).toEqual([]);
  });

  it('a subscription asked for offline is sent after CONNACK; an invalid filter is refused locally', () => {
    const h = new Harness();
    h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'x', qos: 1 }] });
    expect(rule(h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'a#', qos: 1 }] }), 'client.request.rejected')).toHaveLength(1);
    expect(sent(h.connect())).toMatchObject([{ type: 'SUBSCRIBE', packetId: id(1) }]);
  });
});

describe('client: keep alive', () => {
  it('MQTT-3.1.2-23: PINGREQ after keepAliveSec without sending; sending postpones it', () => {
    const h = new Harness({ keepAliveSec: 10 });
    h.connect();
    expect(h.wakeAtMs).toBe(10_000);
    h.nowMs = 4000;
    h.publish('a', 0);
    expect(h.wakeAtMs).toBe(14_000);
    h.nowMs = 14_000;
    expect(sent(h.step({ type: 'timeAdvanced' }))).toEqual([{ type: 'PINGREQ' }]);
    h.nowMs = 15_000;
    h.receive({ type: 'PINGRESP' });
    expect(h.wakeAtMs).toBe(24_000);
  });

  it('no PINGRESP within keepAliveSec: the connection is considered lost', () => {
    const h = new Harness({ keepAliveSec: 10 });
    h.connect();
    h.nowMs = 10_000;
    h.step({ type: 'timeAdvanced' });
    expect(h.wakeAtMs).toBe(20_000);
    h.nowMs = 20_000;
    const out = h.step({ type: 'timeAdvanced' });
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'keepAlive' });
    expect(rule(out, 'client.keepAlive.timeout')[0]).toMatchObject({ params: { waitingFor: 'PINGRESP' } });
  });

  it('no CONNACK within keepAliveSec: the connection is considered lost', () => {
    const h = new Harness({ keepAliveSec: 5 });
    h.step({ type: 'connectionOpened' });
    h.nowMs = 5000;
    expect(closeOf(h.step({ type: 'timeAdvanced' }))).toEqual({ type: 'close', reason: 'keepAlive' });
  });

  it('keepAliveSec = 0: nothing scheduled', () => {
    const h = new Harness({ keepAliveSec: 0 });
    h.connect();
    expect(h.wakeAtMs).toBeUndefined();
  });
});
