/**
 * "Import capture" in the worker (issue 16): a real capture becomes the run shown, with its
 * outcome and state tables rebuilt from its packets; drops do not apply; a bad file is one
 * sentence and the current run stays.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { api, CAPTURE_NO_DROPS } from './api';

const fixture = (name: string) => new Uint8Array(readFileSync(`src/capture/__fixtures__/${name}`));

describe('api.importCapture', () => {
  beforeEach(() => {
    api.run({});
  });

  it('shows a QoS 2 capture as a run: client ids, outcome per message, no scenario', () => {
    const r = api.importCapture(fixture('qos2-v311.pcap'));
    if ('error' in r) throw new Error(r.error);
    expect('scenario' in r).toBe(false);
    expect(r.trace.participants.map((p) => p.id)).toEqual(['lab-pub', 'broker', 'lab-sub']);
    expect(r.outcome).toMatchObject({ published: 2, delivered: 2, duplicates: 0, lost: 0, guaranteeHeld: true, promise: 'exactlyOnce' });
    expect(r.capture).toMatchObject({ format: 'pcap', mqttConnections: 2, versions: [4] });
    expect(r.settled).toBe(true);
  });

  it('rebuilds the state tables from the packets: the QoS 2 ids held on both sides until PUBREL and PUBCOMP', () => {
    const r = api.importCapture(fixture('qos2-v5.pcapng'));
    if ('error' in r) throw new Error(r.error);
    const at = (type: string, kind = 'packetDelivered') => r.trace.events.findIndex((e) => e.kind === kind && (e.kind === 'packetSent' ? e.packet.type : 'type' in e ? e.type : '') === type && (e as { from?: string }).from !== 'broker');
    const publish = at('PUBLISH');
    const pubrel = at('PUBREL');
    const before = api.snapshotAt(publish)!;
    expect(before.clients.find((c) => c.id === 'lab-pub')).toMatchObject({ connected: true, awaitingPubrec: expect.arrayContaining([1]) });
    expect(before.broker.sessions.find((s) => s.id === 'lab-pub')).toMatchObject({ awaitingPubrel: expect.arrayContaining([1]) });
    expect(api.snapshotAt(pubrel)!.broker.sessions.find((s) => s.id === 'lab-pub')!.awaitingPubrel).not.toContain(1);
    expect(api.snapshotAt(pubrel)!.clients.find((c) => c.id === 'lab-pub')!.awaitingPubcomp).toContain(1);
    const end = api.snapshotAt(r.trace.events.length - 1)!;
    for (const t of [...end.clients, ...end.broker.sessions]) expect([t.awaitingPuback, t.awaitingPubrec, t.awaitingPubcomp, t.awaitingPubrel].flat()).toEqual([]);
    expect(api.snapshotAt(-1)!.clients.every((c) => !c.connected)).toBe(true);
  });

  it('keeps the retained message the capture stored, and a reconnect with its session', () => {
    const retained = api.importCapture(fixture('retained-v311.pcapng'));
    if ('error' in retained) throw new Error(retained.error);
    expect(api.snapshotAt(retained.trace.events.length - 1)!.broker.retained).toEqual([{ topic: 'lab/<b>retained</b>', payloadBytes: 28 }]);
    const reconnect = api.importCapture(fixture('reconnect-v311-sll.pcap'));
    if ('error' in reconnect) throw new Error(reconnect.error);
    const lost = reconnect.trace.events.findIndex((e) => e.kind === 'connectionLost');
    expect(api.snapshotAt(lost)!.clients.find((c) => c.id === 'lab-sub')!.connected).toBe(false);
    expect(reconnect.outcome).toMatchObject({ published: 1, delivered: 1, lost: 0 });
  });

  it('refuses drops while a capture is shown; a scenario run brings them back', () => {
    api.importCapture(fixture('qos1-v311.pcapng'));
    expect(api.dropRuleForNext(0)).toEqual({ error: CAPTURE_NO_DROPS });
    expect(api.dropRuleForWire(1)).toEqual({ error: CAPTURE_NO_DROPS });
    api.run({});
    expect(api.dropRuleForNext(-1)).toMatchObject({ rule: 'CONNECT@publisher>broker' });
    expect(api.snapshotAt(-1)!.clients.map((c) => c.id)).toEqual(['publisher', 'subscriber']);
  });

  it('a file that is not a capture, a truncated one: one sentence, and the current run stays', () => {
    const before = api.snapshotAt(-1);
    for (const bytes of [new TextEncoder().encode('<script>alert(1)</script>'), fixture('qos1-v311.pcapng').subarray(0, 30), new Uint8Array()]) {
      const r = api.importCapture(bytes);
      expect(r).toEqual({ error: expect.stringMatching(/^[A-Z].*\.$/) });
    }
    expect(api.snapshotAt(-1)).toEqual(before);
    expect(api.dropRuleForNext(-1)).toMatchObject({ rule: 'CONNECT@publisher>broker' });
  });
});
