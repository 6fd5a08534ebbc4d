/**
 * Keep alive on the broker (MQTT-3.1.2-24) and the wake-up it asks for.
 */
import { asPacketId, millis } from '../types';
import { describe, expect, it } from 'vitest';
import { RawBroker } from '../raw-broker.test-support';
import { brokerStep } from './index';

const id = asPacketId;

describe('broker: keep alive', () => {
  it('MQTT-3.1.2-24: silent for 1.5 x keepAliveSec -> closed; wakeAtMs says when', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { keepAliveSec: 10 });
    expect(b.wakeAtMs).toBe(15_000);
    b.nowMs = millis(14_999);
    expect(b.closed('c1', b.step({ type: 'timeAdvanced' }))).toBeUndefined();
    b.nowMs = millis(15_000);
    const out = b.step({ type: 'timeAdvanced' });
    expect(b.closed('c1', out)?.reason).toBe('keepAlive');
    expect(b.rules('broker.keepAlive.timeout', out)[0]?.params).toMatchObject({ keepAliveSec: 10, silentMs: 15_000 });
    expect(b.wakeAtMs).toBeUndefined();
  });

  it('MQTT-3.1.2-24: any packet from the client restarts the count', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { keepAliveSec: 10 });
    b.nowMs = millis(12_000);
    b.send('c1', { type: 'PINGREQ' });
    expect(b.wakeAtMs).toBe(27_000);
    b.nowMs = millis(20_000);
    expect(b.closed('c1', b.step({ type: 'timeAdvanced' }))).toBeUndefined();
  });

  it('keepAliveSec = 0 turns the mechanism off', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { keepAliveSec: 0 });
    expect(b.wakeAtMs).toBeUndefined();
  });
});

describe('broker: state is plain data', () => {
  it('a structuredClone mid-flow continues exactly like the original', () => {
    const b = new RawBroker({ qos2Method: 'A' });
    b.connect('s', 'sub', { cleanSession: false, keepAliveSec: 5 });
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 2 }] });
    b.connect('p', 'pub');
    b.send('p', { type: 'PUBLISH', topic: 't', payload: new Uint8Array([1]), qos: 2, dup: false, retain: true, packetId: id(3) });
    const copy = structuredClone(b.state);
    expect(copy).toEqual(b.state);
    const input = { type: 'bytesReceived' as const, connId: 'p', bytes: new Uint8Array([0x62, 2, 0, 3]) }; // PUBREL 3
    expect(brokerStep(copy, input, millis(7))).toEqual(brokerStep(b.state, input, millis(7)));
    expect(copy).toEqual(b.state);
  });
});
