/**
 * Will messages (MQTT 3.1.1 section 3.1.2.5): published when a connection ends in any way
 * other than DISCONNECT, with the will's QoS and retain flag; discarded on DISCONNECT.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, millis, type Will } from '../types';
import { EnginePair, text } from '../engine-pair.test-support';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;

const will: Will = { topic: 'status/dev', payload: text('offline'), qos: 1, retain: false };

function lab(w: Will | null = will, keepAliveSec = 0): EnginePair {
  const pair = new EnginePair({ clients: {
    dev: { clientId: 'dev', cleanSession: true, keepAliveSec, ...(w ? { will: w } : {}) },
    watcher: { clientId: 'watcher', cleanSession: true, keepAliveSec: 0 },
  } });
  return pair.connect('watcher').subscribe('watcher', 'status/#', 2).connect('dev');
}

describe('broker: will messages', () => {
  it('MQTT-3.1.2-8: a lost connection publishes the will', () => {
    const pair = lab().breakLink('dev');
    expect(pair.delivered('watcher')).toMatchObject([{ topic: 'status/dev', qos: 1, retain: false }]);
    expect(pair.rules('broker.will.published')[0]?.params).toMatchObject({ cause: 'connectionLost' });
  });

  it('MQTT-3.14.4-3 / MQTT-3.1.2-10: DISCONNECT discards the will', () => {
    const pair = lab();
    const connId = pair.connId('dev');
    const conn = pair.broker.connections.get(connId);
    expect(conn?.will).toEqual(will); // stored (MQTT-3.1.2-8): there is something to discard
    pair.client('dev', { type: 'appDisconnected' });
    expect(pair.delivered('watcher')).toEqual([]);
    expect(pair.rules('broker.will.published')).toEqual([]);
    expect(pair.rules('broker.will.discarded')).toHaveLength(1);
    // Removed on DISCONNECT (MQTT-3.1.2-10), not merely left unpublished: the connection record
    // no longer holds it, and the connection is gone from the broker's state.
    expect(conn?.will).toBeUndefined();
    expect(pair.broker.connections.has(connId)).toBe(false);
  });

  it('MQTT-3.1.2-12: no will flag, nothing published', () => {
    const pair = lab(null).breakLink('dev');
    expect(pair.delivered('watcher')).toEqual([]);
  });

  it('MQTT-3.1.2-10: the will is published once only', () => {
    const b = new RawBroker();
    b.connect('w', 'watcher');
    b.send('w', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'status/#', qos: 1 }] });
    b.connect('c1', 'dev', { will });
    const conn = b.state.connections.get('c1');
    expect(conn?.will).toEqual(will); // stored (MQTT-3.1.2-8)
    // A second CONNECT is a violation: the broker closes the connection, which publishes the will.
    const out = b.send('c1', { type: 'PINGREQ' }, { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: 'dev', cleanSession: true, keepAliveSec: 0 });
    expect(b.closed('c1', out)?.error?.rule).toBe('MQTT-3.1.0-2');
    expect(b.sentTo('w', out)).toMatchObject([{ type: 'PUBLISH', topic: 'status/dev', payload: text('offline'), qos: 1 }]);
    // Then it is removed. The broker keeps two guards: the record leaves `connections` and it
    // forgets its will. Either alone keeps the will from firing again, so both are pinned here.
    expect(conn?.will).toBeUndefined();
    expect(b.state.connections.has('c1')).toBe(false);
    // The host reports the loss of that connection later, and the same client comes and goes
    // without a will: nothing is published again.
    expect(b.step({ type: 'connectionLost', connId: 'c1' })).toEqual([]);
    b.connect('c2', 'dev');
    b.step({ type: 'connectionLost', connId: 'c2' });
    expect(b.rules('broker.will.published')).toHaveLength(1);
    expect(b.sentTo('w').filter((p) => p.type === 'PUBLISH')).toHaveLength(1);
  });

  it('MQTT-3.1.2-17: will retain=1 is published as a retained message', () => {
    const pair = lab({ ...will, retain: true }).breakLink('dev');
    expect(pair.broker.retained.get('status/dev')?.payload).toEqual(text('offline'));
  });

  it('MQTT-3.1.2-16: will retain=0 is not retained', () => {
    const pair = lab().breakLink('dev');
    expect(pair.delivered('watcher')).toMatchObject([{ topic: 'status/dev', retain: false }]); // it was published
    expect(pair.broker.retained.size).toBe(0);
  });

  it('MQTT-3.1.2-24 + MQTT-3.1.2-8: a keep-alive timeout publishes the will', () => {
    const b = new RawBroker();
    b.connect('w', 'watcher');
    b.send('w', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'status/#', qos: 0 }] });
    b.connect('c1', 'dev', { will, keepAliveSec: 10 });
    b.nowMs = millis(15_000);
    const out = b.step({ type: 'timeAdvanced' });
    expect(b.closed('c1', out)?.reason).toBe('keepAlive');
    expect(b.sentTo('w', out)).toMatchObject([{ type: 'PUBLISH', topic: 'status/dev' }]);
  });

  it('MQTT-4.8.0-1 + MQTT-3.1.2-8: a protocol violation closes and publishes the will', () => {
    const b = new RawBroker();
    b.connect('c1', 'dev', { will });
    const out = b.send('c1', { type: 'SUBACK', packetId: id(1), returnCodes: [0] });
    expect(b.closed('c1', out)?.reason).toBe('protocolError');
    expect(b.rules('broker.will.published', out)).toHaveLength(1);
  });

  it('MQTT-3.1.4-2 + MQTT-3.1.2-8: a takeover closes the old connection, which publishes its will', () => {
    const b = new RawBroker();
    b.connect('c1', 'dev', { will });
    const out = b.connect('c2', 'dev');
    expect(b.closed('c1', out)?.reason).toBe('takeover');
    expect(b.rules('broker.will.published', out)[0]?.params).toMatchObject({ cause: 'takeover' });
  });

  it('a broker restart drops connections without publishing wills', () => {
    const pair = lab().restartBroker(true);
    expect(pair.rules('broker.will.published')).toEqual([]);
  });
});
