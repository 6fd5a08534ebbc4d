/**
 * Test helpers for golden vectors (test code only): a vector is the bytes and the packet
 * they mean; both directions must agree.
 */
import { expect } from 'vitest';
import type { Packet, ProtocolVersion } from '../types';
import { annotate, decode, encode, feed, type ReaderState } from './index';

type Version = { version?: ProtocolVersion };

export const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** encode(packet) gives exactly `bytes`, decode(bytes) gives back `packet`, annotate covers every byte. */
export function expectVector(bytes: number[], packet: Packet, options: Version = {}): void {
  const wire = Uint8Array.from(bytes);
  expect(encode(packet, options)).toEqual(wire);
  expect(decode(wire, 0, options)).toEqual({ kind: 'packet', packet, size: wire.length });
  expectCovered(wire, options);
}

/** annotate() names every byte once, in order. */
export function expectCovered(wire: Uint8Array, options: Version = {}): void {
  const { fields, error } = annotate(wire, options);
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

// ---- MQTT 5.0 ----

const V5 = { version: 5 } as const;

/** As expectVector, on a 5.0 connection. */
export function expectVector5(bytes: number[], packet: Packet): void {
  expectVector(bytes, packet, V5);
}

/** decode(bytes) on a 5.0 connection is `packet` (for the shorter or other forms our encoder does not write). */
export function expectDecodes5(bytes: number[], packet: Packet): void {
  const wire = Uint8Array.from(bytes);
  expect(decode(wire, 0, V5)).toEqual({ kind: 'packet', packet, size: wire.length });
  expectCovered5(wire);
}

/** annotate() on a 5.0 connection names every byte once, in order. */
export function expectCovered5(wire: Uint8Array): void {
  expectCovered(wire, V5);
}

/** decode(bytes) on a 5.0 connection is malformed, naming `rule` and the Reason Code to disconnect with. */
export function expectMalformed5(bytes: number[], rule: string, reasonCode: number): void {
  const result = decode(Uint8Array.from(bytes), 0, V5);
  expect(result.kind).toBe('malformed');
  if (result.kind === 'malformed') {
    expect(result.error).toMatchObject({ side: 'remote', rule, reasonCode });
  }
}

/** The packets `reader` reads from `bytes` fed in chunks of the given sizes (cycled); no error, nothing left over. */
export function readInChunks(reader: ReaderState, bytes: Uint8Array, sizes: readonly number[]): Packet[] {
  const out: Packet[] = [];
  let pos = 0;
  for (let i = 0; pos < bytes.length; i++) {
    const size = sizes[i % sizes.length];
    const result = feed(reader, bytes.slice(pos, pos + size));
    expect(result.error).toBeUndefined();
    out.push(...result.packets);
    pos += size;
  }
  expect(reader.pending.length).toBe(0);
  return out;
}
