import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, MAX_REMAINING_LENGTH } from './index';
import { readRemainingLength, remainingLengthSize, writeRemainingLength } from './remaining-length';
import { payloadBytes, utf8Length } from './utf8';
import { expectMalformed } from './vector-helpers';

describe('Remaining Length (MQTT 2.2.3)', () => {
  // The table of MQTT 2.2.3: the edges of each size.
  const table: [number, number[]][] = [
    [0, [0x00]], [127, [0x7f]],
    [128, [0x80, 0x01]], [16_383, [0xff, 0x7f]],
    [16_384, [0x80, 0x80, 0x01]], [2_097_151, [0xff, 0xff, 0x7f]],
    [2_097_152, [0x80, 0x80, 0x80, 0x01]], [MAX_REMAINING_LENGTH, [0xff, 0xff, 0xff, 0x7f]],
  ];
  it.each(table)('%i encodes as %j and back', (value, bytes) => {
    const out = new Uint8Array(4);
    expect(writeRemainingLength(out, 0, value)).toBe(bytes.length);
    expect(Array.from(out.subarray(0, bytes.length))).toEqual(bytes);
    expect(remainingLengthSize(value)).toBe(bytes.length);
    expect(readRemainingLength(Uint8Array.from([0x30, ...bytes]), 1)).toEqual({ kind: 'value', value, size: bytes.length });
  });

  it('MQTT 2.2.3: a fifth length byte is malformed', () => {
    expectMalformed([0x30, 0xff, 0xff, 0xff, 0xff, 0x7f], 'MQTT-2.2.3');
  });

  it('asks for more bytes while the length or the body is incomplete', () => {
    expect(decode(Uint8Array.from([]))).toEqual({ kind: 'needMore', atLeast: 2 });
    expect(decode(Uint8Array.from([0x30]))).toEqual({ kind: 'needMore', atLeast: 2 });
    expect(decode(Uint8Array.from([0x30, 0x80]))).toEqual({ kind: 'needMore', atLeast: 3 });
    expect(decode(Uint8Array.from([0x30, 0x05, 0x00]))).toEqual({ kind: 'needMore', atLeast: 7 });
    expect(decode(Uint8Array.from([0x30, 0x80, 0x01]))).toEqual({ kind: 'needMore', atLeast: 131 });
  });

  it('decodes at an offset', () => {
    expect(decode(Uint8Array.from([0xc0, 0x00, 0xd0, 0x00]), 2)).toEqual({ kind: 'packet', packet: { type: 'PINGRESP' }, size: 2 });
  });
});

describe('UTF-8 strings (MQTT 1.5.3)', () => {
  it('MQTT-1.5.3-1: ill-formed UTF-8 is malformed', () => {
    expectMalformed([0x30, 0x04, 0x00, 0x02, 0xc3, 0x28], 'MQTT-1.5.3-1');        // bad continuation byte
    expectMalformed([0x30, 0x05, 0x00, 0x03, 0xed, 0xa0, 0x80], 'MQTT-1.5.3-1');  // encoded surrogate U+D800
    expectMalformed([0x30, 0x04, 0x00, 0x02, 0xc0, 0x80], 'MQTT-1.5.3-1');        // overlong U+0000
  });

  it('MQTT-1.5.3-2: U+0000 in a string is malformed', () => {
    expectMalformed([0x30, 0x05, 0x00, 0x03, 0x61, 0x00, 0x62], 'MQTT-1.5.3-2');
  });

  it('MQTT-1.5.3-3: a BOM (U+FEFF) is kept, not stripped', () => {
    const result = decode(Uint8Array.from([0x30, 0x06, 0x00, 0x04, 0xef, 0xbb, 0xbf, 0x61]));
    expect(result).toMatchObject({ kind: 'packet', packet: { topic: '\ufeffa' } });
  });

  it('counts UTF-8 bytes of any string', () => {
    for (const s of ['', 'abc', 'ü', '€', '😀', 'a😀ü€', '\ud800']) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });

  it('encodes any string as TextEncoder does (lone surrogates as U+FFFD), short and long', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', minLength: 250, maxLength: 300 }));
    fc.assert(fc.property(text, (s) => {
      expect(Array.from(payloadBytes(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }), { numRuns: 500, seed: 5 });
    for (const s of ['\ud800', '\udc00x', 'a\ud83d', '\ud83d\ude00', '\udfff\ud800\udc00']) {
      expect(Array.from(payloadBytes(s))).toEqual(Array.from(new TextEncoder().encode(s)));
    }
  });

  it('a topic decoded again (served from the strings decoded last) is still checked byte for byte', () => {
    const publish = (topic: string) => encode({ type: 'PUBLISH', topic, payload: new Uint8Array(0), qos: 0, dup: false, retain: false });
    for (let i = 0; i < 3; i++) expect(decode(publish('a/b'))).toMatchObject({ kind: 'packet', packet: { topic: 'a/b' } });
    // Same length and end bytes as 'a/b', so the same slot: a cached string must not hide the difference.
    expect(decode(publish('aXb'))).toMatchObject({ kind: 'packet', packet: { topic: 'aXb' } });
    expectMalformed([0x30, 0x05, 0x00, 0x03, 0x61, 0x00, 0x62], 'MQTT-1.5.3-2');
  });
});
