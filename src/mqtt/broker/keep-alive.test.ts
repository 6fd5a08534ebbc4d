/**
 * Keep alive on the broker (MQTT-3.1.2-24) and the wake-up it asks for.
 */
import { describe, expect, it } from 'vitest';
import { RawBroker } from '../engine-pair.test-support';

describe('broker: keep alive', () => {
  it('MQTT-3.1.2-24: silent for 1.5 x keepAliveSec -> closed; wakeAtMs says when', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { keepAliveSec: 10 });
    expect(b.wakeAtMs).toBe(15_000);
    b.nowMs = 14_999;
    expect(b.closed('c1', b.step({ type: 'timeAdvanced' }))).toBeUndefined();
    b.nowMs = 15_000;
    const out = b.step({ type: 'timeAdvanced' });
    expect(b.closed('c1', out)?.reason).toBe('keepAlive');
    expect(b.rules('broker.keepAlive.timeout', out)[0]?.params).toMatchObject({ keepAliveSec: 10, silentMs: 15_000 });
    expect(b.wakeAtMs).toBeUndefined();
  });

  it('MQTT-3.1.2-24: any packet from the client restarts the count', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { keepAliveSec: 10 });
    b.nowMs = 12_000;
    b.send('c1', { type: 'PINGREQ' });
    expect(b.wakeAtMs).toBe(27_000);
    b.nowMs = 20_000;
    expect(b.closed('c1', b.step({ type: 'timeAdvanced' }))).toBeUndefined();
  });

  it('keepAliveSec = 0 turns the mechanism off', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { keepAliveSec: 0 });
    expect(b.wakeAtMs).toBeUndefined();
  });
});
