// importCapture never throws: any bytes give a trace or one sentence (fast-check).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importCapture, type CaptureImport } from './capture-to-trace';
import { TSHARK_PACKETS } from './__fixtures__/tshark-expected';
import { Conversation, P, concat, mqtt, pcapFile, pcapngFile, ethernet } from './synthetic-capture.test-support';

const FIXTURES = Object.keys(TSHARK_PACKETS).map((name) => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url))));

/** A result the page can show: a well-formed trace, or one sentence. */
function wellFormed(r: CaptureImport): void {
  if (!r.ok) {
    expect(r.error).toMatch(/^[A-Z][^\n]*[.]$/);
    return;
  }
  const events = r.trace.events;
  events.forEach((e, i) => {
    expect(e.index).toBe(i);
    expect(Number.isFinite(e.tMs) && e.tMs >= 0).toBe(true);
  });
  expect(events.filter((e) => e.kind === 'packetSent')).toHaveLength(events.filter((e) => e.kind === 'packetDelivered').length);
  expect(r.trace.participants.filter((p) => p.id === 'broker')).toHaveLength(1);
  for (const w of r.summary.warnings) expect(w).not.toMatch(/\n/);
}

describe('importCapture never throws', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => wellFormed(importCapture(bytes))), { numRuns: 300 });
  });

  it('on random bytes behind a pcap or pcapng header', () => {
    const body = fc.uint8Array({ maxLength: 2000 });
    fc.assert(fc.property(body, fc.boolean(), (bytes, ng) => {
      const header = ng ? pcapngFile([{ interfaces: [{ linkType: 1 }], blocks: [] }]) : pcapFile([]);
      wellFormed(importCapture(concat(header, bytes)));
    }), { numRuns: 300 });
  });

  it('on the fixtures cut anywhere and with bits flipped', () => {
    const damage = fc.record({
      fixture: fc.nat(FIXTURES.length - 1),
      cut: fc.double({ min: 0, max: 1, noNaN: true }),
      flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(7)), { maxLength: 8 }),
    });
    fc.assert(fc.property(damage, ({ fixture, cut, flips }) => {
      const bytes = FIXTURES[fixture].slice(0, Math.round(FIXTURES[fixture].length * cut));
      for (const [at, bit] of flips) if (bytes.length > 0) bytes[Math.floor(at * bytes.length)] ^= 1 << bit;
      wellFormed(importCapture(bytes));
    }), { numRuns: 500 });
  });

  it('on a CONNECT followed by random bytes, cut into random segments sent in random order, some twice', () => {
    const stream = fc.record({
      up: fc.uint8Array({ maxLength: 400 }),
      down: fc.uint8Array({ maxLength: 400 }),
      sizes: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 12 }),
      order: fc.array(fc.nat(), { maxLength: 30 }),
      version: fc.constantFrom(4, 5),
    });
    fc.assert(fc.property(stream, ({ up, down, sizes, order, version }) => {
      const c = new Conversation();
      const segments = [
        ...c.send(true, concat(mqtt([P.connect('fuzz', { protocolLevel: version })], version), up), sizes),
        ...c.send(false, down, sizes),
      ];
      const shuffled = order.length ? order.map((k) => segments[k % segments.length]) : segments;
      wellFormed(importCapture(pcapFile([...c.handshake(), ...shuffled].map((s) => ethernet(s)))));
    }), { numRuns: 300 });
  });
});
