/**
 * Property: the 3.1.1 guarantees hold for a 5.0 client too. A seeded run publishes messages at
 * random QoS through a scripted 5.0 broker (real codec both ways, receiver Method B) over a link
 * that breaks at random; the client reconnects with its session (Session Expiry Interval kept).
 * At most once (QoS 0: 0 or 1 copy), at least once (QoS 1: 1 or more), exactly once (QoS 2: 1),
 * and progress: every QoS 1/2 message is settled ('published') once the link heals.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asPacketId, type Packet, type QoS } from '../types';
import { decode } from '../codec';
import { harness5, text } from './harness.test-support';

interface Plan { qos: QoS[]; breaks: boolean[]; receiveMaximum: number }

function run(plan: Plan): { copies: number[]; settled: Set<number> } {
  const h = harness5({ sessionExpiryInterval: 0xffffffff, maxInflight: 3 });
  const copies = plan.qos.map(() => 0);
  const held = new Set<number>(); // broker: QoS 2 ids awaiting PUBREL (Method B)
  const settled = new Set<number>();
  let toBroker: Packet[] = [];
  let connected = false;
  const collect = (outputs: ReturnType<typeof h.step>) => {
    for (const o of outputs) {
      if (o.type === 'send') {
        const r = decode(o.bytes, 0, { version: 5 });
        if (r.kind !== 'packet') throw new Error('client sent bytes the 5.0 codec refuses');
        toBroker.push(r.packet);
      }
      if (o.type === 'published' && o.message.qos > 0) settled.add(Number(new TextDecoder().decode(o.message.payload)));
    }
  };
  const brokerAnswer = (p: Packet): Packet | undefined => {
    switch (p.type) {
      case 'CONNECT': return { type: 'CONNACK', sessionPresent: !p.cleanSession, reasonCode: 0, properties: { receiveMaximum: plan.receiveMaximum } };
      case 'PUBLISH': {
        const n = Number(new TextDecoder().decode(p.payload));
        if (p.qos === 0) { copies[n]++; return undefined; }
        if (p.qos === 1) { copies[n]++; return { type: 'PUBACK', packetId: p.packetId ?? asPacketId(1) }; }
        const pid = p.packetId ?? asPacketId(1);
        if (!held.has(pid)) { held.add(pid); copies[n]++; }
        return { type: 'PUBREC', packetId: pid };
      }
      case 'PUBREL': held.delete(p.packetId); return { type: 'PUBCOMP', packetId: p.packetId };
      default: return undefined;
    }
  };
  const open = () => { connected = true; collect(h.step({ type: 'connectionOpened' })); };
  const pump = (mayBreak: boolean) => {
    while (toBroker.length > 0) {
      if (mayBreak && connected) {
        toBroker = [];
        connected = false;
        collect(h.step({ type: 'connectionLost' }));
        open();
        mayBreak = false;
        continue;
      }
      const p = toBroker.shift() as Packet;
      const answer = brokerAnswer(p);
      if (answer) collect(h.receive(answer));
    }
  };
  open();
  plan.qos.forEach((qos, n) => {
    collect(h.step({ type: 'appPublished', message: { topic: 't', payload: text(String(n)), qos, retain: false } }));
    pump(plan.breaks[n] ?? false);
  });
  pump(false);
  return { copies, settled };
}

describe('client 5.0: delivery guarantees (property, seeded)', () => {
  it('MQTT-4.3.1-1 / MQTT-4.3.2-1 / MQTT-4.3.3-1 (5.0): at most once, at least once, exactly once, and every message settled', () => {
    const plan = fc.integer({ min: 1, max: 12 }).chain((n) => fc.record({
      qos: fc.array(fc.constantFrom<QoS>(0, 1, 2), { minLength: n, maxLength: n }),
      breaks: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      receiveMaximum: fc.integer({ min: 1, max: 4 }),
    }));
    fc.assert(fc.property(plan, (p) => {
      const { copies, settled } = run(p);
      p.qos.forEach((qos, n) => {
        if (qos === 0) expect(copies[n]).toBeLessThanOrEqual(1);
        if (qos === 1) expect(copies[n]).toBeGreaterThanOrEqual(1);
        if (qos === 2) expect(copies[n]).toBe(1);
        if (qos > 0) expect(settled.has(n)).toBe(true);
      });
    }), { seed: 5150, numRuns: 300 });
  });
});
