/**
 * A 5.0 acknowledgement with a Reason Code other than Success is narrated by what its code says:
 * a refused PUBREC is not "received, and I hold the id" (MQTT-4.4.0-2), a PUBACK 0x10 is a success
 * nobody receives. And a session kept with the Session Expiry Interval 4294967295 never expires.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/lab';
import { findPreset } from '../sim/scenarios/presets';
import { scenarioSchema } from '../sim/scenario';
import type { PacketSentEvent, Trace } from '../sim/trace';
import { en } from './en';
import { narrate } from './narrate';
import { zh } from './zh';

function traceOf(presetId: string): Trace {
  return runScenario(findPreset(presetId)!.scenario).trace;
}
const sentOf = (trace: Trace, type: string) => trace.events.filter((e): e is PacketSentEvent => e.kind === 'packetSent' && e.packet.type === type);

describe('5.0 reason codes in the narration', () => {
  it('a PUBREC with 0x87 says the exchange ends, no PUBREL: not "I hold the id"', () => {
    const trace = traceOf('v5-pubrec-failure');
    const [pubrec] = sentOf(trace, 'PUBREC');
    expect(narrate(en, pubrec, trace)).toMatch(/0x87\. Reason code 0x87 Not authorized.*failure.*no PUBREL follows.*MQTT-4\.4\.0-2/);
    expect(narrate(en, pubrec, trace)).not.toMatch(/hold the id/);
    expect(narrate(zh, pubrec, trace)).toMatch(/0x87.*未授权.*不会再有 PUBREL/);
  });

  it('a PUBACK with 0x10 says it is a success that nobody receives', () => {
    const trace = traceOf('v5-puback-no-subscribers');
    const [puback] = sentOf(trace, 'PUBACK');
    expect(narrate(en, puback, trace)).toMatch(/0x10\. Reason code 0x10 No matching subscribers.*Below 0x80 is a success/);
    expect(narrate(zh, puback, trace)).toMatch(/0x10.*没有匹配的订阅者|0x10.*成功/);
  });

  it('a Success ack narrates as in 3.1.1', () => {
    const trace = runScenario(scenarioSchema.parse({ mqttVersion: '5' })).trace;
    const [puback] = sentOf(trace, 'PUBACK');
    expect(narrate(en, puback, trace)).toBe(en.narrate.PUBACK({ from: en.participant(puback.from), to: en.participant(puback.to), type: 'PUBACK', packetId: 1 }));
  });

  it('a session kept for ever is said to never expire, not to live on for 4294967295 s', () => {
    const trace = runScenario(scenarioSchema.parse({ mqttVersion: '5', faults: [{ kind: 'drop', type: 'PUBACK' }] })).trace;
    const scheduled = trace.events.filter((e) => e.kind === 'decision' && e.key === 'broker.session.expiryScheduled');
    expect(scheduled.length).toBeGreaterThan(0);
    for (const e of scheduled) {
      expect(narrate(en, e, trace)).toMatch(/never expires/);
      expect(narrate(en, e, trace)).not.toMatch(/4294967295 s/);
      expect(narrate(zh, e, trace)).toMatch(/永不过期/);
    }
  });
});
