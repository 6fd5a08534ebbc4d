/**
 * The versions comparison on the lesson's presets (3.1.1 flows: the packets are the same in
 * 5.0), on a dropped PUBACK, on each MQTT 5.0 preset (each shows what 5.0 changed), on runs with
 * several clients, and the alignment against a plain dynamic-programming LCS.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPreset } from './scenarios/presets';
import { parseScenario, type Scenario } from './scenario';
import { compareVersions, withVersion, type VersionComparison, type VersionDifference } from './version-compare';
import { align } from './version-compare-align';
import type { PacketSentEvent, Trace } from './trace';

const preset = (id: string) => findPreset(id)!.scenario;
const keys = (c: VersionComparison) => c.differences.map((d) => d.key);
const only = (c: VersionComparison, key: VersionDifference['key']) => c.differences.filter((d) => d.key === key);
const packet = (trace: Trace, index: number) => trace.events[index] as PacketSentEvent;
const scenario = (input: unknown): Scenario => {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('compareVersions: 3.1.1 flows', () => {
  for (const id of ['pub0-sub0', 'pub1-sub1', 'pub2-sub2', 'pub2-sub0', 'pub0-sub2', 'pub2-sub1', 'pub1-sub2']) {
    it(`${id}: the same packets, the same outcome: no difference`, () => {
      const c = compareVersions(preset(id));
      expect(c.differences).toEqual([]);
      expect(c.paired).toBe(c.packets311);
      expect(c.packets5).toBe(c.packets311);
      expect(c.exact).toBe(true);
    });
  }

  it('runs the scenario as given under each version, same seed and same drops', () => {
    const c = compareVersions(withVersion(preset('qos1-drop-puback-in'), '5'));
    expect(c.v311.scenario.mqttVersion).toBeUndefined();
    expect(c.v5.scenario.mqttVersion).toBe('5');
    expect(c.v5.scenario.seed).toBe(c.v311.scenario.seed);
    expect(c.v5.scenario.faults).toEqual(c.v311.scenario.faults);
  });

  it('a dropped PUBACK: both runs re-send the PUBLISH with DUP=1 and deliver twice; nothing differs', () => {
    const c = compareVersions(preset('qos1-drop-puback-in'));
    expect(c.differences).toEqual([]);
    const dups = (t: Trace) => t.events.filter((e) => e.kind === 'packetSent' && e.packet.type === 'PUBLISH' && e.retransmission).length;
    expect(dups(c.v311.trace)).toBeGreaterThan(0);
    expect(dups(c.v5.trace)).toBe(dups(c.v311.trace));
    expect(c.v5.outcome.duplicates).toBe(c.v311.outcome.duplicates);
  });

  it('a lost PUBCOMP: the re-sent PUBREL finds no packet id; 5.0 says so with PUBCOMP 0x92', () => {
    const c = compareVersions(preset('qos2-drop-pubcomp-out'));
    expect(keys(c)).toEqual(['reasonCode']);
    const [d] = c.differences;
    expect(d.params).toMatchObject({ type: 'PUBCOMP', code: '0x92' });
    expect(packet(c.v311.trace, d.v311[0]).packet.type).toBe('PUBCOMP');
    expect(packet(c.v5.trace, d.v5[0]).packet).toMatchObject({ type: 'PUBCOMP', reasonCode: 0x92 });
  });
});

describe('compareVersions: the MQTT 5.0 presets each show their difference', () => {
  it('v5-puback-no-subscribers: the same PUBACK, with reason code 0x10 in 5.0', () => {
    const c = compareVersions(preset('v5-puback-no-subscribers'));
    expect(keys(c)).toEqual(['noMatchingSubscribers']);
    const [d] = c.differences;
    expect(d.kind).toBe('meaning');
    expect(d.params).toMatchObject({ type: 'PUBACK', from: 'broker', to: 'publisher', code: '0x10', name: 'No matching subscribers' });
    expect(packet(c.v311.trace, d.v311[0]).packet).not.toHaveProperty('reasonCode');
    expect(packet(c.v5.trace, d.v5[0]).packet).toMatchObject({ type: 'PUBACK', reasonCode: 0x10 });
  });

  it('v5-pubrec-failure: PUBREC 0x87, then no PUBREL in 5.0; 3.1.1 ignores the refusal and delivers', () => {
    const c = compareVersions(preset('v5-pubrec-failure'));
    expect(only(c, 'ackRefused')).toHaveLength(1);
    expect(only(c, 'ackRefused')[0].params).toMatchObject({ type: 'PUBREC', code: '0x87' });
    const missing = only(c, 'onlyIn311').flatMap((d) => d.v311.map((i) => packet(c.v311.trace, i)));
    expect(missing.some((e) => e.packet.type === 'PUBREL' && e.from === 'publisher')).toBe(true);
    expect(only(c, 'onlyIn5')).toEqual([]);
    expect(only(c, 'lostIn5')[0].params).toMatchObject({ subscriber: 'subscriber', reason: 'publishRefused', messages: '#1' });
    expect(only(c, 'outcomeCounts')[0].params).toMatchObject({ delivered311: 1, delivered5: 0, lost5: 1 });
  });

  it('v5-receive-maximum: the same packets; 5.0 says the window in CONNECT, and it held messages back', () => {
    const c = compareVersions(preset('v5-receive-maximum'));
    expect(c.paired).toBe(c.packets311);
    expect(keys(c)).toEqual(['receiveMaximum']);
    const [d] = c.differences;
    expect(d.kind).toBe('said');
    expect(d.params).toMatchObject({ client: 'subscriber', max: 1 });
    expect(d.params.held).toBeGreaterThan(0);
    expect(packet(c.v5.trace, d.v5[0]).packet).toMatchObject({ type: 'CONNECT', properties: { receiveMaximum: 1 } });
    expect(packet(c.v311.trace, d.v311[0]).packet.type).toBe('CONNECT');
  });

  it('v5-session-expiry: the session expires in 5.0 (session present 0, a new SUBSCRIBE); 3.1.1 kept it', () => {
    const c = compareVersions(preset('v5-session-expiry'));
    expect(only(c, 'sessionExpiry')[0].params).toMatchObject({ client: 'subscriber', sec: 2 });
    expect(only(c, 'sessionPresent')[0].params).toMatchObject({ client: 'subscriber', v311: true, v5: false });
    expect(only(c, 'lostIn5')[0].params).toMatchObject({ reason: 'sessionExpired', count: 2, messages: '#3, #4' });
    const extra5 = only(c, 'onlyIn5').flatMap((d) => d.v5.map((i) => packet(c.v5.trace, i).packet.type));
    expect(extra5).toEqual(['SUBSCRIBE', 'SUBACK']);
    expect(only(c, 'verdict')[0].params).toEqual({ v311: 'held', v5: 'broken' });
  });

  it('v5-message-expiry: a queued message expires in 5.0 and is never sent; 3.1.1 delivers it', () => {
    const c = compareVersions(preset('v5-message-expiry'));
    expect(only(c, 'messageExpiry')[0].params).toMatchObject({ client: 'publisher', sec: 2 });
    const lost = only(c, 'lostIn5')[0];
    expect(lost.params).toMatchObject({ reason: 'messageExpired', messages: '#2' });
    expect(c.v311.trace.events[lost.v311[0]]).toMatchObject({ kind: 'appDeliver', publicationNo: 2 });
    expect(c.v5.trace.events[lost.v5[0]]).toMatchObject({ kind: 'decision', key: 'broker.message.expired' });
    // The message that expired is the one missing, not the next one (which reuses its packet id).
    const missing = only(c, 'onlyIn311').flatMap((d) => d.v311.map((i) => packet(c.v311.trace, i)));
    expect(missing.map((e) => e.packet.type)).toEqual(['PUBLISH', 'PUBACK']);
    expect(new TextDecoder().decode((missing[0].packet as { payload: Uint8Array }).payload)).toMatch(/ 2$/);
  });
});

describe('compareVersions: a rule 5.0 changed', () => {
  it('MQTT-4.4.0-1: retry on timeout re-sends in 3.1.1; 5.0 forbids it, so the copy waits for a reconnect', () => {
    const c = compareVersions(preset('retry-on-timeout'));
    const rule = only(c, 'retryNotIn5');
    expect(rule).toHaveLength(1);
    expect(c.v5.trace.events[rule[0].v5[0]]).toMatchObject({ kind: 'decision', key: 'client.retry.notIn5' });
    expect(packet(c.v311.trace, rule[0].v311[0])).toMatchObject({ retransmission: true, packet: { type: 'PUBLISH', dup: true } });
    // The 5.0 client sends no DUP PUBLISH on the connection it published on.
    const connected = c.v5.trace.events.findIndex((e) => e.kind === 'connectionLost' && e.client === 'publisher');
    const early5 = c.v5.trace.events.slice(0, connected < 0 ? undefined : connected);
    expect(early5.some((e) => e.kind === 'packetSent' && e.from === 'publisher' && e.retransmission)).toBe(false);
  });
});

describe('compareVersions: several clients', () => {
  it('two subscribers, one whose session expires: only its messages differ', () => {
    const c = compareVersions(scenario({
      messages: 3, intervalMs: 1000,
      subscribers: [{ qos: 1, sessionExpirySec: 1 }, { qos: 1 }],
      faults: [{ kind: 'offline', client: 'subscriber', atMs: 500, forMs: 3000 }],
    }));
    expect(only(c, 'sessionExpiry').map((d) => d.params.client)).toEqual(['subscriber']);
    const lost = only(c, 'lostIn5');
    expect(lost).toHaveLength(1);
    expect(lost[0].params).toMatchObject({ subscriber: 'subscriber', reason: 'sessionExpired' });
    const touched = c.differences.flatMap((d) => [...d.v311.map((i) => c.v311.trace.events[i]), ...d.v5.map((i) => c.v5.trace.events[i])]);
    expect(touched.every((e) => !('to' in e) || e.to !== 'subscriber2')).toBe(true);
    expect(c.v311.outcome.delivered - c.v5.outcome.delivered).toBe(lost[0].params.count);
  });

  it('two publishers and a window: the packets pair up one for one', () => {
    const c = compareVersions(preset('two-publishers'));
    expect(c.paired).toBe(c.packets311);
    expect(c.differences.every((d) => d.kind === 'said')).toBe(true);
  });

  it('many subscribers at mixed QoS: no difference', () => {
    expect(compareVersions(preset('many-subscribers')).differences).toEqual([]);
  });

  it('every difference points at events of the right kind, in range, on the sides it names', () => {
    for (const id of ['v5-pubrec-failure', 'v5-session-expiry', 'v5-message-expiry', 'subscription-refused', 'clean-session-loses']) {
      const c = compareVersions(preset(id));
      for (const d of c.differences) {
        for (const i of d.v311) expect(c.v311.trace.events[i], id).toBeDefined();
        for (const i of d.v5) expect(c.v5.trace.events[i], id).toBeDefined();
        if (d.kind === 'onlyIn311') expect(d.v5).toEqual([]);
        if (d.kind === 'onlyIn5') expect(d.v311).toEqual([]);
        if (d.kind === 'meaning' || d.kind === 'said') expect(d.v5.length).toBeGreaterThan(0);
      }
    }
  });
});

/** The length of an LCS, by the textbook table. */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(row[j], row[j - 1]);
      diag = up;
    }
  }
  return row[b.length];
}

describe('align', () => {
  it('pairs equal keys, increasing on both sides, as many as an LCS has', () => {
    const seq = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 40 });
    fc.assert(fc.property(seq, seq, (a, b) => {
      const { pairs, exact } = align(a, b);
      expect(exact).toBe(true);
      for (const [i, j] of pairs) expect(a[i]).toBe(b[j]);
      for (let k = 1; k < pairs.length; k++) {
        expect(pairs[k][0]).toBeGreaterThan(pairs[k - 1][0]);
        expect(pairs[k][1]).toBeGreaterThan(pairs[k - 1][1]);
      }
      expect(pairs.length).toBe(lcsLength(a, b));
    }), { numRuns: 300 });
  });

  it('past its bound it pairs greedily and says so', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`).concat(a.slice(40));
    const r = align(a, b, 5);
    expect(r.exact).toBe(false);
    for (const [i, j] of r.pairs) expect(a[i]).toBe(b[j]);
  });
});
