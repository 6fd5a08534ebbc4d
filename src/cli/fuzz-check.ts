/**
 * What `npm run fuzz` does with each input, and what it counts.
 *
 * Each input goes through everything that reads untrusted bytes:
 *   decode()   at its own version and at the other one (also at an offset inside a larger buffer,
 *              and with a Maximum Packet Size)
 *   annotate() at both versions (what the packet inspector calls, via worker/inspect.ts)
 *   the streaming reader, created with version 4, 5 and 'fromConnect', fed a stream of
 *              valid packet + input + valid packet in random chunks
 * A crash is any exception thrown out of these (they promise never to throw on bad bytes).
 * A mismatch is a broken promise without an exception (an oracle):
 *   - annotate's fields start at 0, follow each other without gap or overlap, and end at the
 *     packet's size (decoded) or at the input's end (not decoded); it decodes what decode() does
 *   - decode(prefix + input, prefix.length) gives what decode(input) gives
 *   - with a Maximum Packet Size, a decoded packet still decodes when it fits and is refused
 *     with 0x95 Packet too large when it does not
 *   - the reader, whatever the chunks, gives the packets and the error that decode() gives
 *     reading the same stream packet after packet
 *   - a decoded packet encodes again, and that decodes to the same packet
 *
 * "Past the fixed header" (the input reached a body decoder): byte 0 passes the type and flags
 * check of its version, the Remaining Length is complete and valid, and all the bytes it
 * announces are present. That is exactly when decode() calls the packet family's decoder.
 */
import { isDeepStrictEqual } from 'node:util';
import { annotate, createReader, decode, encode, feed, type DecodeResult } from '../mqtt/codec';
import { checkByte0 } from '../mqtt/codec/fixed-header';
import { readRemainingLength } from '../mqtt/codec/remaining-length';
import type { Packet, ProtocolVersion } from '../mqtt/types';
import type { ProtocolError } from '../mqtt/errors';
import { concat, hex, type Rand } from './fuzz-mutate';

export function pastFixedHeader(bytes: Uint8Array, version: ProtocolVersion): boolean {
  if (bytes.length < 2 || checkByte0(bytes[0], version) !== undefined) return false;
  const length = readRemainingLength(bytes, 1, version);
  return length.kind === 'value' && bytes.length >= 1 + length.size + length.value;
}

export interface Finding {
  target: string;
  input: Uint8Array;
  detail: string;
}

export interface Row {
  cases: number;
  past: number;
  packet: number;
  malformed: number;
  needMore: number;
  crashes: number;
  mismatches: number;
  rules: Map<string, number>;
}

export const newRow = (): Row => ({ cases: 0, past: 0, packet: 0, malformed: 0, needMore: 0, crashes: 0, mismatches: 0, rules: new Map() });

export function addRow(into: Row, from: Row): void {
  into.cases += from.cases;
  into.past += from.past;
  into.packet += from.packet;
  into.malformed += from.malformed;
  into.needMore += from.needMore;
  into.crashes += from.crashes;
  into.mismatches += from.mismatches;
  for (const [rule, n] of from.rules) into.rules.set(rule, (into.rules.get(rule) ?? 0) + n);
}

export interface Findings {
  crashes: Finding[];
  mismatches: Finding[];
}

const KEEP = 20;

function record(list: Finding[], finding: Finding): void {
  if (list.length < KEEP) list.push(finding);
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

const sameError = (a: ProtocolError | undefined, b: ProtocolError | undefined) =>
  a?.rule === b?.rule && a?.reasonCode === b?.reasonCode;

/** The stream context: what a reader of each kind receives around the input. */
export interface StreamContext {
  /** A valid packet of the reader's version before the input (for 'fromConnect': a CONNECT, unless the input is one). */
  before: (reader: ProtocolVersion | 'fromConnect') => Uint8Array;
  /** A valid packet after it. */
  after: (reader: ProtocolVersion | 'fromConnect') => Uint8Array;
}

/**
 * Runs one input through every target at `version`, counts it into `row` (decode at `version`
 * decides the row's columns) and records crashes and mismatches.
 */
export function exercise(input: Uint8Array, version: ProtocolVersion, r: Rand, context: StreamContext, row: Row, findings: Findings, label: () => string = () => ''): void {
  row.cases++;
  if (pastFixedHeader(input, version)) row.past++;
  let crashed = false;
  let mismatched = false;
  const crash = (target: string, e: unknown) => {
    crashed = true;
    record(findings.crashes, { target: `${label()}${target}`, input, detail: describe(e) });
  };
  const mismatch = (target: string, detail: string, bytes = input) => {
    mismatched = true;
    record(findings.mismatches, { target: `${label()}${target}`, input: bytes, detail });
  };

  for (const v of [version, version === 5 ? 4 : 5] as const) {
    const own = v === version;
    let result: DecodeResult | undefined;
    try {
      result = decode(input, 0, { version: v });
    } catch (e) {
      crash(`decode v${v}`, e);
    }
    if (own && result) {
      row[result.kind]++;
      if (result.kind === 'malformed') row.rules.set(result.error.rule, (row.rules.get(result.error.rule) ?? 0) + 1);
    }
    if (result) {
      checkOffset(input, v, result, r, mismatch, crash);
      checkLimit(input, v, result, r, mismatch, crash);
      if (result.kind === 'packet') checkRoundTrip(result.packet, v, mismatch, crash);
    }
    try {
      const dissection = annotate(input, { version: v });
      if (result) checkAnnotation(input, v, result, dissection, mismatch);
    } catch (e) {
      crash(`annotate v${v}`, e);
    }
  }

  for (const kind of [4, 5, 'fromConnect'] as const) {
    const stream = concat(context.before(kind), input, context.after(kind));
    try {
      checkReader(stream, kind, r, mismatch);
    } catch (e) {
      crash(`reader ${kind}`, e);
      record(findings.crashes, { target: `${label()}reader ${kind} (whole stream)`, input: stream, detail: 'the stream the reader crashed on' });
    }
  }
  if (crashed) row.crashes++;
  if (mismatched) row.mismatches++;
}

type Report = (target: string, detail: string, bytes?: Uint8Array) => void;
type CrashReport = (target: string, e: unknown) => void;

function checkOffset(input: Uint8Array, version: ProtocolVersion, expected: DecodeResult, r: Rand, mismatch: Report, crash: CrashReport): void {
  const prefix = r.bytes(r.int(1, 5));
  try {
    const shifted = decode(concat(prefix, input), prefix.length, { version });
    if (!isDeepStrictEqual(summary(shifted), summary(expected))) {
      mismatch(`decode v${version} at offset ${prefix.length}`, `${JSON.stringify(summary(shifted))} vs at 0: ${JSON.stringify(summary(expected))}`);
    }
  } catch (e) {
    crash(`decode v${version} at an offset`, e);
  }
}

/** With a Maximum Packet Size (5.0, set in CONNECT or CONNACK): the same packet when it fits, 0x95 when it does not. */
function checkLimit(input: Uint8Array, version: ProtocolVersion, expected: DecodeResult, r: Rand, mismatch: Report, crash: CrashReport): void {
  if (expected.kind !== 'packet') return;
  const limit = { bytes: Math.max(1, expected.size + r.int(-3, 3)), setIn: r.chance(1, 2) ? 'CONNECT' as const : 'CONNACK' as const };
  try {
    const limited = decode(input, 0, { version, maximumPacketSize: limit });
    const fits = expected.size <= limit.bytes;
    const ok = fits
      ? isDeepStrictEqual(summary(limited), summary(expected))
      : limited.kind === 'malformed' && limited.error.reasonCode === 0x95 && limited.error.rule === (limit.setIn === 'CONNECT' ? 'MQTT-3.1.2-24' : 'MQTT-3.2.2-15');
    if (!ok) mismatch(`decode v${version} with a Maximum Packet Size of ${limit.bytes} (${limit.setIn})`, `${JSON.stringify(summary(limited))} for a packet of ${expected.size} bytes`);
  } catch (e) {
    crash(`decode v${version} with a Maximum Packet Size`, e);
  }
}

function summary(result: DecodeResult): unknown {
  switch (result.kind) {
    case 'packet': return { kind: 'packet', size: result.size, packet: result.packet };
    case 'needMore': return result;
    case 'malformed': return { kind: 'malformed', rule: result.error.rule, reasonCode: result.error.reasonCode };
  }
}

function checkRoundTrip(packet: Packet, version: ProtocolVersion, mismatch: Report, crash: CrashReport): void {
  let bytes: Uint8Array;
  try {
    bytes = encode(packet, { version });
  } catch (e) {
    crash(`encode v${version} of a decoded packet`, e);
    return;
  }
  let again: DecodeResult;
  try {
    again = decode(bytes, 0, { version });
  } catch (e) {
    crash(`decode v${version} of a re-encoded packet`, e);
    return;
  }
  if (again.kind !== 'packet' || again.size !== bytes.length || !isDeepStrictEqual(again.packet, packet)) {
    mismatch(`round trip v${version}`, `decoded ${JSON.stringify(packet, bytesAsHex)}, re-encoded as ${hex(bytes)}, which decodes to ${JSON.stringify(summary(again), bytesAsHex)}`);
  }
}

function bytesAsHex(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? hex(value) : value;
}

function checkAnnotation(input: Uint8Array, version: ProtocolVersion, result: DecodeResult, dissection: ReturnType<typeof annotate>, mismatch: Report): void {
  const target = `annotate v${version}`;
  if ((dissection.packet !== undefined) !== (result.kind === 'packet')) {
    mismatch(target, `annotate ${dissection.packet ? 'decoded' : 'did not decode'}, decode() says ${result.kind}`);
    return;
  }
  if (input.length === 0) return;
  const end = result.kind === 'packet' ? result.size : input.length;
  let pos = 0;
  for (const f of dissection.fields) {
    if (f.offset !== pos || f.length < 0) {
      mismatch(target, `field "${f.field}" at ${f.offset} (length ${f.length}), expected one at ${pos}`);
      return;
    }
    pos += f.length;
  }
  if (pos !== end) mismatch(target, `fields end at ${pos}, the ${result.kind === 'packet' ? 'packet' : 'input'} at ${end}`);
}

/** The reader against decode() applied packet after packet to the whole stream. */
function checkReader(stream: Uint8Array, kind: ProtocolVersion | 'fromConnect', r: Rand, mismatch: Report): void {
  // What decode() says, packet after packet.
  const expected: Packet[] = [];
  let expectedError: ProtocolError | undefined;
  let version: ProtocolVersion = kind === 4 ? 4 : 5;
  let waiting = kind === 'fromConnect';
  for (let offset = 0; offset < stream.length;) {
    const result = decode(stream, offset, { version });
    if (result.kind !== 'packet') {
      if (result.kind === 'malformed') expectedError = result.error;
      break;
    }
    expected.push(result.packet);
    offset += result.size;
    if (waiting && result.packet.type === 'CONNECT') {
      version = result.packet.protocolLevel === 5 ? 5 : 4;
      waiting = false;
    }
  }
  // What the reader says, in random chunks.
  const reader = createReader({ version: kind });
  const got: Packet[] = [];
  let error: ProtocolError | undefined;
  for (let pos = 0; pos < stream.length && error === undefined;) {
    const size = r.chance(1, 4) ? r.int(1, 3) : r.int(1, 64);
    const out = feed(reader, stream.slice(pos, pos + size));
    got.push(...out.packets);
    error = out.error;
    pos += size;
  }
  if (error !== undefined) {
    // After an error the stream is unusable: the same error again, no packet.
    const again = feed(reader, Uint8Array.of(0xc0, 0x00));
    if (again.packets.length > 0 || !sameError(again.error, error)) mismatch(`reader ${kind}`, 'after an error, more input did not give the same error again', stream);
  }
  if (!sameError(error, expectedError) || !isDeepStrictEqual(got, expected)) {
    mismatch(`reader ${kind}`, `reader: ${got.length} packets, error ${error?.rule}; decode(): ${expected.length} packets, error ${expectedError?.rule}`, stream);
  }
}
