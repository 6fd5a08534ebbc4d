/**
 * Test helpers for golden vectors (test code only): a vector is the bytes and the packet
 * they mean; both directions must agree.
 */
import { expect } from 'vitest';
import type { Packet } from '../types';
import { annotate, decode, encode } from './index';

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** encode(packet) gives exactly `bytes`, decode(bytes) gives back `packet`, annotate covers every byte. */
export function expectVector(bytes: number[], packet: Packet): void {
  const wire = Uint8Array.from(bytes);
  expect(encode(packet)).toEqual(wire);
  expect(decode(wire)).toEqual({ kind: 'packet', packet, size: wire.length });
  expectCovered(wire);
}

/** annotate() names every byte once, in order. */
export function expectCovered(wire: Uint8Array): void {
  const { fields, error } = annotate(wire);
  expect(error).toBeUndefined();
  let pos = 0;
  for (const f of fields) {
    expect(f.offset).toBe(pos);
    pos += f.length;
  }
  expect(pos).toBe(wire.length);
}

/** decode(bytes) is malformed, naming `rule`. */
export function expectMalformed(bytes: number[], rule: string): void {
  const result = decode(Uint8Array.from(bytes));
  expect(result.kind).toBe('malformed');
  if (result.kind === 'malformed') {
    expect(result.error.rule).toBe(rule);
    expect(result.error.side).toBe('remote');
  }
}
