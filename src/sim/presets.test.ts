/**
 * Every preset, packet for packet: the lesson's five flows must be exactly the captures the
 * lesson shows, and each experiment must end with the outcome its text promises.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from './lab';
import { PRESETS, findPreset } from './scenarios/presets';

const SETUP = 'pb:CONNECT sb:CONNECT bp:CONNACK bs:CONNACK sb:SUBSCRIBE bs:SUBACK';

/** `pb:PUBLISH` = publisher -> broker; `*` = DUP=1; `X` = the packet before was dropped. */
function wire(id: string): string {
  const run = runScenario(findPreset(id)!.scenario);
  return run.trace.events
    .filter((e) => e.kind === 'packetSent' || e.kind === 'packetDropped')
    .map((e) => (e.kind === 'packetDropped' ? 'X' : `${e.from[0]}${e.to[0]}:${e.packet.type}${e.packet.type === 'PUBLISH' && e.packet.dup ? '*' : ''}`))
    .join(' ');
}

function outcome(id: string) {
  const run = runScenario(findPreset(id)!.scenario);
  const { published, delivered, duplicates, lost, guaranteeHeld } = run.outcome;
  return { settled: run.settled, published, delivered, duplicates, lost, guaranteeHeld };
}

describe("the lesson's five flows, packet for packet", () => {
  it('Pub0/Sub0: one PUBLISH per hop, nothing acknowledged', () => {
    expect(wire('pub0-sub0')).toBe(`${SETUP} pb:PUBLISH bs:PUBLISH`);
  });
  it('Pub1/Sub1: PUBLISH and PUBACK on each hop', () => {
    expect(wire('pub1-sub1')).toBe(`${SETUP} pb:PUBLISH bs:PUBLISH bp:PUBACK sb:PUBACK`);
  });
  it('Pub2/Sub2: the four-step handshake on each hop', () => {
    expect(wire('pub2-sub2')).toBe(`${SETUP} pb:PUBLISH bs:PUBLISH bp:PUBREC sb:PUBREC pb:PUBREL bs:PUBREL bp:PUBCOMP sb:PUBCOMP`);
  });
  it("Pub2/Sub0: PUBREC, PUBREL and PUBCOMP only on the publisher's hop (downgrade to 0)", () => {
    expect(wire('pub2-sub0')).toBe(`${SETUP} pb:PUBLISH bs:PUBLISH bp:PUBREC pb:PUBREL bp:PUBCOMP`);
  });
  it('Pub0/Sub2: the broker forwards at min(0, 2) = 0', () => {
    expect(wire('pub0-sub2')).toBe(`${SETUP} pb:PUBLISH bs:PUBLISH`);
  });
});

describe('lost packets', () => {
  it('QoS 0: a PUBLISH lost with its connection is gone for good', () => {
    expect(wire('qos0-lost')).toBe(`${SETUP} pb:PUBLISH X pb:CONNECT bp:CONNACK`);
    expect(outcome('qos0-lost')).toMatchObject({ delivered: 0, lost: 1, guaranteeHeld: true });
  });
  it('QoS 1: a lost PUBACK makes the publisher re-send with DUP=1, and the subscriber gets a duplicate', () => {
    expect(wire('qos1-drop-puback-in')).toBe(`${SETUP} pb:PUBLISH bs:PUBLISH bp:PUBACK sb:PUBACK X pb:CONNECT bp:CONNACK pb:PUBLISH* bs:PUBLISH bp:PUBACK sb:PUBACK`);
    expect(outcome('qos1-drop-puback-in')).toMatchObject({ delivered: 1, duplicates: 1, lost: 0, guaranteeHeld: true });
  });
  it('QoS 2: a lost PUBREC is answered again after the re-sent PUBLISH, and delivered exactly once', () => {
    expect(wire('qos2-drop-pubrec-in')).toContain('bp:PUBREC sb:PUBREC X bs:PUBREL sb:PUBCOMP pb:CONNECT bp:CONNACK pb:PUBLISH* bp:PUBREC pb:PUBREL bp:PUBCOMP');
    expect(outcome('qos2-drop-pubrec-in')).toMatchObject({ delivered: 1, duplicates: 0, guaranteeHeld: true });
  });
  it('QoS 2: a lost PUBREL is re-sent after reconnecting, not the PUBLISH', () => {
    expect(wire('qos2-drop-pubrel-out')).toContain('X sb:CONNECT bs:CONNACK bs:PUBREL sb:PUBCOMP');
  });
  it('legacy retry-on-timeout re-sends on the same connection (no reconnect)', () => {
    const w = wire('retry-on-timeout');
    expect(w).toContain('X pb:PUBLISH*');
    expect(w.split('CONNECT').length - 1).toBe(2);
  });
});

describe('flow control and refusals, as their presets teach them', () => {
  it('a window of 20 re-sent whole after each break storms; a window of 1 at the same loss does not', () => {
    const storm = runScenario(findPreset('storm-window-20')!.scenario);
    const calm = runScenario(findPreset('window-1-loss-10')!.scenario);
    expect(storm.outcome.duplicates).toBeGreaterThan(10 * calm.outcome.duplicates);
    expect(storm.outcome.packetsPerMessage).toBeGreaterThan(5 * calm.outcome.packetsPerMessage);
    const breaks = (r: typeof storm) => r.trace.events.filter((e) => e.kind === 'connectionLost').length;
    expect(breaks(storm)).toBeGreaterThan(3 * breaks(calm));
  });
  it('MQTT-3.9.3-2: a refused subscription (0x80) is owed nothing: lost as refused, pointing at its SUBACK, and not a broken guarantee', () => {
    const run = runScenario(findPreset('subscription-refused')!.scenario);
    const suback = run.trace.events.find((e) => e.kind === 'packetSent' && e.packet.type === 'SUBACK');
    expect(suback?.kind === 'packetSent' && suback.packet.type === 'SUBACK' && 'returnCodes' in suback.packet && suback.packet.returnCodes).toEqual([0x80, 1]);
    expect(run.outcome.pairs).toEqual([expect.objectContaining({ grantedQos: null, promise: 'none', held: true, lostReason: 'refused', lostAt: suback!.index })]);
    expect(run.outcome.promise).toBe('none');
  });
  it('two publishers: the same number from each is two messages, each delivered once', () => {
    const run = runScenario(findPreset('two-publishers')!.scenario);
    expect(run.outcome).toMatchObject({ messages: 4, published: 4, delivered: 4, duplicates: 0, lost: 0, guaranteeHeld: true });
    expect(run.outcome.pairs.map((p) => [p.publisher, p.promise])).toEqual([
      ['publisher', 'atLeastOnce'], ['publisher2', 'exactlyOnce'], ['publisher', 'atLeastOnce'], ['publisher2', 'exactlyOnce']]);
  });
});

describe('every preset settles with the outcome its text promises', () => {
  const expected: Record<string, Partial<ReturnType<typeof outcome>>> = {
    'qos0-lost': { lost: 1, guaranteeHeld: true },
    'qos1-drop-puback-in': { duplicates: 1, guaranteeHeld: true },
    'qos1-drop-puback-out': { duplicates: 1, guaranteeHeld: true },
    'retry-on-timeout': { duplicates: 1, guaranteeHeld: true },
    'clean-session-loses': { published: 3, delivered: 1, lost: 2, guaranteeHeld: false },
    'broker-restart': { published: 2, lost: 2, guaranteeHeld: false },
    'offline-subscriber': { published: 3, delivered: 3, lost: 0, duplicates: 0, guaranteeHeld: true },
    'many-subscribers': { published: 3, delivered: 3, guaranteeHeld: true },
    'storm-window-20': { published: 20, delivered: 20, lost: 0, duplicates: 135, guaranteeHeld: true },
    'window-1-loss-10': { published: 20, delivered: 20, lost: 0, duplicates: 3, guaranteeHeld: true },
    'subscription-refused': { published: 1, delivered: 0, lost: 1, guaranteeHeld: true },
    // MQTT 5.0: nobody subscribed, so nothing is owed (PUBACK 0x10).
    'v5-puback-no-subscribers': { published: 0, delivered: 0, lost: 0 },
    'v5-pubrec-failure': { published: 1, delivered: 0, lost: 1, guaranteeHeld: true },
    'v5-receive-maximum': { published: 40, delivered: 40, lost: 0, duplicates: 52, guaranteeHeld: true },
    'v5-session-expiry': { published: 4, delivered: 2, lost: 2, guaranteeHeld: false },
    'v5-message-expiry': { published: 3, delivered: 2, lost: 1, guaranteeHeld: false },
  };
  for (const p of PRESETS) {
    it(`${p.id}`, () => {
      const o = outcome(p.id);
      expect(o.settled).toBe(true);
      expect(o).toMatchObject(expected[p.id] ?? { lost: 0, duplicates: 0, guaranteeHeld: true });
    });
  }
});

describe('MQTT 5.0 presets, as their texts tell them', () => {
  const run = (id: string) => runScenario(findPreset(id)!.scenario);
  const sent = (r: ReturnType<typeof run>) => r.trace.events.flatMap((e) => (e.kind === 'packetSent' ? [e] : []));
  const lostFor = (r: ReturnType<typeof run>) => r.outcome.pairs.filter((p) => p.deliveries === 0).map((p) => [p.publicationNo, p.lostReason]);

  it('MQTT-3.4.2-1: PUBACK says 0x10 No matching subscribers, and the exchange ends normally', () => {
    const r = run('v5-puback-no-subscribers');
    expect(sent(r).find((e) => e.packet.type === 'PUBACK')?.packet).toMatchObject({ reasonCode: 0x10 });
  });
  it('MQTT-4.3.3-4: a PUBREC of 0x87 ends the exchange: no PUBREL, the message refused, not a broken guarantee', () => {
    const r = run('v5-pubrec-failure');
    expect(sent(r).find((e) => e.packet.type === 'PUBREC')?.packet).toMatchObject({ reasonCode: 0x87 });
    expect(sent(r).some((e) => e.packet.type === 'PUBREL')).toBe(false);
    expect(r.outcome.pairs).toEqual([expect.objectContaining({ lostReason: 'publishRefused', held: true })]);
  });
  it('MQTT-3.3.4-9: a Receive Maximum of 20 re-sends far more over a bad link than one of 1', () => {
    const r = run('v5-receive-maximum');
    const copies = (s: string) => r.outcome.pairs.filter((p) => p.subscriber === s).reduce((n, p) => n + p.deliveries, 0);
    expect([copies('subscriber'), copies('subscriber2')]).toEqual([26, 66]);
    expect(sent(r).find((e) => e.packet.type === 'CONNECT' && e.from === 'subscriber2')?.packet).toMatchObject({ properties: { receiveMaximum: 20 } });
  });
  it('MQTT-3.1.2-23: the session outlives a short absence, not one longer than its expiry', () => {
    const r = run('v5-session-expiry');
    expect(lostFor(r)).toEqual([[3, 'sessionExpired'], [4, 'sessionExpired']]);
  });
  it('MQTT-3.3.2-5: a queued message past its expiry is deleted, the next one delivered with the time left', () => {
    const r = run('v5-message-expiry');
    expect(lostFor(r)).toEqual([[2, 'messageExpired']]);
    const last = sent(r).filter((e) => e.packet.type === 'PUBLISH' && e.to === 'subscriber').at(-1)?.packet;
    expect(last).toMatchObject({ properties: { messageExpiryInterval: 1 } });
  });
});
