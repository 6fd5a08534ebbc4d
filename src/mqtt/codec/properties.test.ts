import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Packet } from '../types';
import { annotate, createReader, decode, encode, feed } from './index';
import { packet } from './packet-arbitraries';
import { expectCovered, readInChunks } from './vector-helpers';
import { concatBytes } from './bytes';

describe('codec properties', () => {
  it('decode(encode(p)) deep-equals p for every valid packet', () => {
    fc.assert(fc.property(packet, (p) => {
      const bytes = encode(p);
      expect(decode(bytes)).toEqual({ kind: 'packet', packet: p, size: bytes.length });
    }), { numRuns: 2_000 });
  });

  it('the reader yields the same packets for any chunking', () => {
    const stream = fc.array(packet, { minLength: 1, maxLength: 8 });
    const cuts = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(stream, cuts, (packets, sizes) => {
      const bytes = concatBytes(...packets.map(encode));
      expect(readInChunks(createReader(), bytes, sizes)).toEqual(packets);
    }), { numRuns: 500 });
  });

  it('one byte at a time works, and the reader state survives structuredClone', () => {
    fc.assert(fc.property(fc.array(packet, { minLength: 1, maxLength: 4 }), (packets) => {
      let reader = createReader();
      const out: Packet[] = [];
      for (const byte of concatBytes(...packets.map(encode))) {
        out.push(...feed(reader, Uint8Array.of(byte)).packets);
        reader = structuredClone(reader);
      }
      expect(out).toEqual(packets);
    }), { numRuns: 300 });
  });

  it('after a malformed packet the reader stops and repeats the error', () => {
    const reader = createReader();
    const first = feed(reader, Uint8Array.from([0xc0, 0x00, 0x00, 0x00, 0xd0, 0x00]));
    expect(first.packets).toEqual([{ type: 'PINGREQ' }]);
    expect(first.error?.rule).toBe('MQTT-2.2.1');
    expect(feed(reader, Uint8Array.from([0xd0, 0x00]))).toMatchObject({ packets: [], error: { rule: 'MQTT-2.2.1' } });
  });

  it('random bytes never throw, and every result is well-typed', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(4), (raw, at) => {
      const bytes = Uint8Array.from(raw);
      const result = decode(bytes, Math.min(at, bytes.length));
      expect(['packet', 'needMore', 'malformed']).toContain(result.kind);
      if (result.kind === 'malformed') expect(result.error.rule).toMatch(/^MQTT-\d/);
      const notes = annotate(bytes);
      expect(notes.packet !== undefined || notes.error !== undefined).toBe(true);
      feed(createReader(), bytes);
    }), { numRuns: 10_000, seed: 20_240_613 });
  });

  it('random bytes behind a valid fixed header never throw', () => {
    const body = fc.tuple(fc.integer({ min: 0x10, max: 0xef }), fc.uint8Array({ maxLength: 40 }));
    fc.assert(fc.property(body, ([byte0, rest]) => {
      const bytes = Uint8Array.from([byte0, rest.length, ...rest]);
      expect(() => decode(bytes)).not.toThrow();
      expect(() => annotate(bytes)).not.toThrow();
    }), { numRuns: 10_000, seed: 7 });
  });

  it('annotate covers every byte of every valid packet, once and in order', () => {
    fc.assert(fc.property(packet, (p) => {
      const bytes = encode(p);
      expectCovered(bytes);
      for (const f of annotate(bytes).fields) {
        for (const bit of f.bits ?? []) expect(bit).toMatchObject({ offset: f.offset, length: 1 });
      }
    }), { numRuns: 2_000 });
  });
});

