/** The scenario schema's MQTT version (issue 15): absent = 3.1.1, so every old link stays the same. */
import { describe, expect, it } from 'vitest';
import { defaultScenario, ignoredIn311, mqttVersionOf, parseScenario } from './scenario';

describe('scenario: mqttVersion', () => {
  it('defaults to 3.1.1, left out of the scenario so that `{}` parses to what it always did', () => {
    const s = defaultScenario();
    expect('mqttVersion' in s).toBe(false);
    expect(mqttVersionOf(s)).toBe('3.1.1');
  });
  it("accepts '3.1.1' and '5'", () => {
    const r = parseScenario({ mqttVersion: '5' });
    expect(r.ok && mqttVersionOf(r.value)).toBe('5');
    expect(parseScenario({ mqttVersion: '3.1.1' }).ok).toBe(true);
  });
  it('refuses anything else, naming the field', () => {
    const r = parseScenario({ mqttVersion: '5.0' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^mqttVersion: /);
  });
  it('says that 5.0-only settings are ignored in a 3.1.1 scenario', () => {
    const r = parseScenario({ subscribers: [{ sessionExpirySec: 5 }], publishers: [{ messageExpirySec: 2 }] });
    expect(r.ok && ignoredIn311(r.value)).toEqual([
      "subscriber.sessionExpirySec is MQTT 5.0's Session Expiry Interval: ignored in 3.1.1 (cleanSession alone decides)",
      "publisher.messageExpirySec is MQTT 5.0's Message Expiry Interval: ignored in 3.1.1",
    ]);
    const v5 = parseScenario({ mqttVersion: '5', subscribers: [{ sessionExpirySec: 5 }] });
    expect(v5.ok && ignoredIn311(v5.value)).toEqual([]);
  });
});
