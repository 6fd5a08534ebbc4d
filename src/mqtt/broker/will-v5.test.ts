/**
 * MQTT 5.0 wills and DISCONNECT on the broker, packet by packet: Will Delay Interval, the
 * session's end publishing a waiting will, DISCONNECT 0x04, the Session Expiry Interval a
 * DISCONNECT may change, and the will's properties.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type PublishPacket, type Will } from '../types';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);

function lab(will: Will, sessionExpiryInterval = 0): RawBroker {
  const b = RawBroker.v5();
  b.connect5('w', 'watcher');
  b.send('w', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'status/#', qos: 1, noLocal: false, retainAsPublished: true, retainHandling: 0 }] });
  b.connect5('d', 'dev', { will, cleanSession: false, properties: { sessionExpiryInterval } });
  return b;
}
const wills = (b: RawBroker) => b.sentTo('w').filter((p): p is PublishPacket => p.type === 'PUBLISH');
const will = (willDelayInterval?: number): Will => ({
  topic: 'status/dev', payload: text('offline'), qos: 1, retain: false,
  ...(willDelayInterval === undefined ? {} : { properties: { willDelayInterval } }),
});

describe('broker: MQTT 5.0 wills and DISCONNECT', () => {
  it('MQTT-3.1.2-8 / MQTT-3.1.2-10: without a delay the will is published when the connection is lost, once', () => {
    const b = lab(will());
    b.step({ type: 'connectionLost', connId: 'd' });
    expect(wills(b).map((p) => p.topic)).toEqual(['status/dev']);
  });

  it('MQTT-3.1.2-8: a will with a Will Delay Interval waits for it', () => {
    const b = lab(will(30), 3600);
    b.step({ type: 'connectionLost', connId: 'd' });
    expect(wills(b)).toEqual([]);
    expect(b.wakeAtMs).toBe(30_000);
    b.advanceTo(30_000);
    expect(wills(b)).toHaveLength(1);
  });

  it('MQTT-3.1.3-9: a reconnect within the Will Delay Interval cancels the will', () => {
    const b = lab(will(30), 3600);
    b.step({ type: 'connectionLost', connId: 'd' });
    b.nowMs = 10_000 as typeof b.nowMs;
    b.connect5('d2', 'dev', { cleanSession: false });
    b.advanceTo(60_000);
    expect(wills(b)).toEqual([]);
    expect(b.rules('broker.will.cancelled')).toHaveLength(1);
  });

  it('MQTT-3.1.2-8: the session ending first publishes the will at once (session expiry before the delay)', () => {
    const b = lab(will(300), 10);
    b.step({ type: 'connectionLost', connId: 'd' });
    b.advanceTo(10_000);
    expect(wills(b)).toHaveLength(1);
    expect(b.state.sessions.has('dev')).toBe(false);
    // a session of expiry 0 ends with the connection: the delayed will goes at once
    const c = lab(will(300), 0);
    c.step({ type: 'connectionLost', connId: 'd' });
    expect(wills(c)).toHaveLength(1);
  });

  it('MQTT-3.14.4-3: DISCONNECT 0x00 discards the will; 0x04 Disconnect with Will Message publishes it', () => {
    const b = lab(will());
    b.send('d', { type: 'DISCONNECT' });
    expect(wills(b)).toEqual([]);
    const c = lab(will());
    const out = c.send('d', { type: 'DISCONNECT', reasonCode: 0x04 });
    expect(wills(c)).toHaveLength(1);
    expect(c.closed('d', out)?.reason).toBe('disconnect');
  });

  it('MQTT-3.1.2-14 / MQTT-3.1.2-15 / MQTT-3.1.3-10: the will goes out with its retain flag and its properties, User Properties in order', () => {
    const userProperties: [string, string][] = [['z', '1'], ['a', '2'], ['z', '3']];
    const b = lab({ ...will(), retain: true, properties: { contentType: 'text/plain', userProperties } });
    b.step({ type: 'connectionLost', connId: 'd' });
    expect(wills(b)[0]).toMatchObject({ retain: true, properties: { contentType: 'text/plain', userProperties } });
    expect(b.state.retained.has('status/dev')).toBe(true);
  });

  it('3.14.2.2.2: DISCONNECT may change the Session Expiry Interval, but not from 0 to non-zero', () => {
    const b = lab(will(), 10);
    b.send('d', { type: 'DISCONNECT', properties: { sessionExpiryInterval: 100 } });
    b.advanceTo(50_000);
    expect(b.state.sessions.has('dev')).toBe(true);
    const c = lab(will(), 0);
    const out = c.send('d', { type: 'DISCONNECT', properties: { sessionExpiryInterval: 100 } });
    expect(c.sentTo('d', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
    expect(c.closed('d', out)?.reason).toBe('protocolError');
    expect(wills(c)).toHaveLength(1); // not a normal disconnection: the will goes
  });
});
