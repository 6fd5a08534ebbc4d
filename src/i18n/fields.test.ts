/** Every byte range the packet inspector annotates has a line of English and Chinese. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotate, encode, FIELD_KEYS } from '../mqtt/codec';
import { packet } from '../mqtt/codec/packet-arbitraries';
import { en } from './en';
import { zh } from './zh';

describe('the catalog\'s field lines', () => {
  it('has English and Chinese for every key the codec declares, and nothing else', () => {
    expect(Object.keys(en.fields).sort()).toEqual([...FIELD_KEYS].sort());
    expect(Object.keys(zh.fields).sort()).toEqual([...FIELD_KEYS].sort());
    for (const key of FIELD_KEYS) {
      expect(en.fields[key].length).toBeGreaterThan(10);
      expect(zh.fields[key]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('explains every key annotate() emits, for valid packets and broken bytes', () => {
    const seen = new Set<string>();
    const collect = (bytes: Uint8Array) => {
      for (const f of annotate(bytes).fields) {
        seen.add(f.explain);
        for (const b of f.bits ?? []) seen.add(b.explain);
      }
    };
    fc.assert(fc.property(packet, (p) => collect(encode(p))), { numRuns: 2_000, seed: 1 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 24 }), (b) => collect(Uint8Array.from(b))), { numRuns: 2_000, seed: 2 });
    collect(Uint8Array.from([0x10, 0x0d, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x05, 0x02, 0x00, 0x3c, 0x00, 0x00, 0x00])); // MQTT 5.0 CONNECT
    for (const key of seen) expect(Object.hasOwn(en.fields, key) && Object.hasOwn(zh.fields, key), key).toBe(true);
  });
});
