/**
 * The mutation half of `npm run fuzz`: valid MQTT 3.1.1 and 5.0 packets (the codec's own
 * fast-check arbitraries, sampled with the run's seed), each broken in one way that a decoder
 * must survive. The structure of each valid packet comes from annotate() (its fields, with
 * offsets and `explain` keys), so a mutation can aim at a Remaining Length, a Property Length,
 * a property identifier, a reason code, a string length or a string's bytes, and keep the
 * enclosing lengths consistent where that is the point (so the body decoder is reached).
 *
 * Every draw comes from one seeded xoroshiro128+ (pure-rand): the same inputs on every machine.
 */
import fc from 'fast-check';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { annotate, concatBytes, encode, isReasonCode, type Annotation } from '../mqtt/codec';
import { packet as packet4, packet5 } from '../mqtt/codec/packet-arbitraries';
import { PROPERTY_DEFINITIONS, propertyById } from '../mqtt/codec/property-table';
import type { ReasonCodePacket } from '../mqtt/codec/reason-codes';
import type { PacketType, ProtocolVersion } from '../mqtt/types';

// ---- randomness ----

export class Rand {
  private readonly gen: ReturnType<typeof xoroshiro128plus>;
  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed);
  }
  /** Uniform in [from, to]. */
  int(from: number, to: number): number {
    return uniformInt(this.gen, from, to);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  chance(numerator: number, denominator: number): boolean {
    return this.int(0, denominator - 1) < numerator;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(0, 255);
    return out;
  }
}

// ---- byte helpers ----

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Byte arrays joined (the codec's helper, under the name the fuzzer's files use). */
export const concat = concatBytes;

/** A Variable Byte Integer (Remaining Length encoding); past 4 bytes if asked for a value that needs it. */
export function vbi(value: number): Uint8Array {
  const out: number[] = [];
  let rest = value;
  do {
    const digit = rest % 128;
    rest = Math.floor(rest / 128);
    out.push(rest > 0 ? digit | 0x80 : digit);
  } while (rest > 0);
  return Uint8Array.from(out);
}

function readVbi(bytes: Uint8Array, pos: number): { value: number; size: number } {
  let value = 0;
  let multiplier = 1;
  let size = 0;
  for (;;) {
    const byte = bytes[pos + size++];
    value += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0 || size === 4) return { value, size };
    multiplier *= 128;
  }
}

const u16 = (value: number) => Uint8Array.of((value >> 8) & 0xff, value & 0xff);
const readU16 = (bytes: Uint8Array, pos: number) => (bytes[pos] << 8) | bytes[pos + 1];

/** `bytes` with [start, end) replaced by `insert`. */
function splice(bytes: Uint8Array, start: number, end: number, insert: Uint8Array = new Uint8Array(0)): Uint8Array {
  return concat(bytes.subarray(0, start), insert, bytes.subarray(end));
}

// ---- the corpus ----

export interface SeedPacket {
  version: ProtocolVersion;
  type: PacketType;
  bytes: Uint8Array;
  /** annotate()'s top-level fields of the valid packet: offsets and explain keys. */
  fields: readonly Annotation[];
  /** Where the body starts (after byte 0 and the Remaining Length). */
  bodyStart: number;
}

/** `count` valid packets of `version`, sampled from the codec's arbitraries with `seed`. */
export function corpus(version: ProtocolVersion, count: number, seed: number): SeedPacket[] {
  const packets = fc.sample(version === 5 ? packet5 : packet4, { seed, numRuns: count });
  return packets.map((p) => {
    const bytes = encode(p, { version });
    const { fields, packet, error } = annotate(bytes, { version });
    if (packet === undefined) throw new Error(`corpus packet does not decode: ${hex(bytes)} (${error?.rule})`);
    return { version, type: p.type, bytes, fields, bodyStart: 1 + readVbi(bytes, 1).size };
  });
}

// ---- structure of a seed packet ----

/** A reason code (5.0) or return code (3.1.1) byte; 'reason-string' is a property, not a code. */
const isReasonField = (f: Annotation) =>
  (f.explain.startsWith('reason-') && f.explain !== 'reason-string') || f.explain === 'connect-return-code' || f.explain === 'suback-return-code';
const bodyFields = (s: SeedPacket) => s.fields.filter((f) => f.offset >= s.bodyStart);
const fieldsOf = (s: SeedPacket, ...keys: string[]) => s.fields.filter((f) => keys.includes(f.explain));

interface PropertyArea { lengthField: Annotation; start: number; end: number }

function propertyAreas(s: SeedPacket): PropertyArea[] {
  return fieldsOf(s, 'property-length').map((lengthField) => {
    const start = lengthField.offset + lengthField.length;
    return { lengthField, start, end: start + readVbi(s.bytes, lengthField.offset).value };
  });
}

/** Each property: its identifier field and the extent of the whole entry. */
function propertyEntries(s: SeedPacket): { id: Annotation; start: number; end: number; area: PropertyArea }[] {
  const areas = propertyAreas(s);
  const ids = fieldsOf(s, 'property-identifier');
  return ids.map((id, i) => {
    const area = areas.find((a) => id.offset >= a.start && id.offset < a.end)!;
    const next = ids[i + 1];
    const end = next !== undefined && next.offset < area.end ? next.offset : area.end;
    return { id, start: id.offset, end, area };
  });
}

/** A length field whose value must follow a change inside what it counts. */
interface Container { offset: number; size: number; value: number; encoding: 'vbi' | 'u16' }

const areaContainer = (s: SeedPacket, a: PropertyArea): Container =>
  ({ offset: a.lengthField.offset, size: a.lengthField.length, value: readVbi(s.bytes, a.lengthField.offset).value, encoding: 'vbi' });

/**
 * Replaces [start, end) of the packet by `insert`, then adjusts each container (which must all
 * lie before `start`) and finally the Remaining Length, so that every length agrees again.
 */
function replaceConsistently(s: SeedPacket, start: number, end: number, insert: Uint8Array, containers: readonly Container[] = []): Uint8Array {
  const delta = insert.length - (end - start);
  let bytes = splice(s.bytes, start, end, insert);
  for (const c of [...containers].sort((a, b) => b.offset - a.offset)) {
    const value = Math.max(0, c.value + delta);
    bytes = splice(bytes, c.offset, c.offset + c.size, c.encoding === 'vbi' ? vbi(value) : u16(Math.min(value, 0xffff)));
  }
  return withRemainingLength(bytes[0], bytes.subarray(s.bodyStart));
}

function withRemainingLength(byte0: number, body: Uint8Array, remainingLength: Uint8Array = vbi(body.length)): Uint8Array {
  return concat(Uint8Array.of(byte0), remainingLength, body);
}

/** The property area (if any) around position `pos`, as a container. */
function enclosingArea(s: SeedPacket, pos: number): Container[] {
  const area = propertyAreas(s).find((a) => pos >= a.start && pos < a.end);
  return area ? [areaContainer(s, area)] : [];
}

/** A position in the body: often a field boundary, else anywhere. */
function bodyPosition(r: Rand, s: SeedPacket): number {
  const fields = bodyFields(s);
  if (fields.length > 0 && r.chance(1, 2)) {
    const f = r.pick(fields);
    return r.chance(1, 2) ? f.offset : f.offset + f.length;
  }
  return r.int(s.bodyStart, s.bytes.length);
}

const INTERESTING = [0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x23, 0x2b, 0x2f];

// ---- the mutations ----

export interface Mutator {
  kind: string;
  /** What it does, for the report. */
  about: string;
  applies(s: SeedPacket): boolean;
  mutate(r: Rand, s: SeedPacket): Uint8Array;
}

const always = () => true;

const bitFlip: Mutator = {
  kind: 'bit-flip', about: '1-4 random bits flipped anywhere', applies: always,
  mutate(r, s) {
    const out = s.bytes.slice();
    for (let n = r.int(1, 4); n > 0; n--) out[r.int(0, out.length - 1)] ^= 1 << r.int(0, 7);
    return out;
  },
};

const byteReplace: Mutator = {
  kind: 'byte-replace', about: '1-3 bytes replaced by a boundary value or a random byte', applies: always,
  mutate(r, s) {
    const out = s.bytes.slice();
    for (let n = r.int(1, 3); n > 0; n--) out[r.int(0, out.length - 1)] = r.chance(1, 2) ? r.pick(INTERESTING) : r.int(0, 255);
    return out;
  },
};

/** A cut point: a field start or end, inside a field, inside the Remaining Length, or anywhere. */
function cutPoint(r: Rand, s: SeedPacket, from: number): number {
  const fields = s.fields.filter((f) => f.offset >= from);
  switch (r.int(0, 3)) {
    case 0: {
      const f = r.pick(fields);
      return f.offset;
    }
    case 1: {
      const f = r.pick(fields);
      return f.length > 1 ? f.offset + r.int(1, f.length - 1) : f.offset + f.length;
    }
    case 2: return from + r.int(0, Math.min(2, s.bytes.length - from));
    default: return r.int(from, s.bytes.length - 1);
  }
}

const truncate: Mutator = {
  kind: 'truncate', about: 'cut short at a field boundary, inside a field or inside the Remaining Length', applies: always,
  mutate(r, s) {
    return s.bytes.slice(0, Math.min(cutPoint(r, s, 0), s.bytes.length - 1));
  },
};

const truncateBody: Mutator = {
  kind: 'truncate+RL', about: 'body cut short likewise, Remaining Length set to what is left',
  applies: (s) => s.bytes.length > s.bodyStart,
  mutate(r, s) {
    const cut = Math.min(cutPoint(r, s, s.bodyStart), s.bytes.length - 1);
    return withRemainingLength(s.bytes[0], s.bytes.subarray(s.bodyStart, cut));
  },
};

const insert: Mutator = {
  kind: 'insert+RL', about: '1-8 bytes (random, boundary values or a copy of a field) inserted, Remaining Length fixed', applies: always,
  mutate(r, s) {
    const at = bodyPosition(r, s);
    let bytes: Uint8Array;
    const fields = bodyFields(s).filter((f) => f.length > 0);
    if (fields.length > 0 && r.chance(1, 3)) {
      const f = r.pick(fields);
      bytes = s.bytes.slice(f.offset, f.offset + f.length);
    } else {
      const n = r.int(1, 8);
      bytes = r.chance(1, 2) ? r.bytes(n) : Uint8Array.from({ length: n }, () => r.pick(INTERESTING));
    }
    return replaceConsistently(s, at, at, bytes);
  },
};

const remove: Mutator = {
  kind: 'delete+RL', about: 'a whole field or 1-8 bytes deleted, Remaining Length fixed',
  applies: (s) => s.bytes.length > s.bodyStart,
  mutate(r, s) {
    const fields = bodyFields(s).filter((f) => f.length > 0);
    if (fields.length > 0 && r.chance(1, 2)) {
      const f = r.pick(fields);
      return replaceConsistently(s, f.offset, f.offset + f.length, new Uint8Array(0));
    }
    const start = r.int(s.bodyStart, s.bytes.length - 1);
    return replaceConsistently(s, start, Math.min(s.bytes.length, start + r.int(1, 8)), new Uint8Array(0));
  },
};

const remainingLength: Mutator = {
  kind: 'remaining-length', about: 'Remaining Length too big (bare or padded), too small, 0, non-minimal, 5 bytes, unfinished',
  applies: always,
  mutate(r, s) {
    const body = s.bytes.subarray(s.bodyStart);
    const byte0 = s.bytes[0];
    const n = body.length;
    switch (r.int(0, 8)) {
      case 0: return withRemainingLength(byte0, body, vbi(n + r.int(1, 3)));                 // too big: needMore
      case 1: {                                                                               // too big, and the bytes are there
        const extra = r.int(1, 40);
        return withRemainingLength(byte0, concat(body, r.chance(1, 2) ? r.bytes(extra) : new Uint8Array(extra)), vbi(n + extra));
      }
      case 2: return withRemainingLength(byte0, body, vbi(Math.max(0, n - r.int(1, Math.max(1, n)))));  // too small
      case 3: return withRemainingLength(byte0, body, vbi(0));
      case 4: {                                                                               // non-minimal: one more byte than needed
        const v = vbi(n);
        v[v.length - 1] |= 0x80;
        return withRemainingLength(byte0, body, concat(v, Uint8Array.of(0)));
      }
      case 5: return withRemainingLength(byte0, body, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f)); // 5-byte VBI
      case 6: return withRemainingLength(byte0, body, Uint8Array.of(0xff, 0xff, 0xff, 0x7f));       // the largest: needMore
      case 7: return concat(Uint8Array.of(byte0), new Uint8Array(r.int(1, 4)).fill(0x80));          // unfinished
      default: return withRemainingLength(byte0, body, vbi(r.int(0, 300)));
    }
  },
};

/** A byte 0 that passes the fixed-header check: another type's header on this body. */
function validByte0(r: Rand, version: ProtocolVersion): number {
  const type = r.int(1, version === 5 ? 15 : 14);
  if (type === 3) {
    const qos = r.int(0, 2);
    return 0x30 | (qos > 0 && r.chance(1, 2) ? 0b1000 : 0) | (qos << 1) | r.int(0, 1);
  }
  return (type << 4) | (type === 6 || type === 8 || type === 10 ? 0b0010 : 0);
}

const packetType: Mutator = {
  kind: 'packet-type', about: "byte 0 replaced by another type's valid byte 0 (the body stays)", applies: always,
  mutate(r, s) {
    const out = s.bytes.slice();
    let byte0 = validByte0(r, s.version);
    while (byte0 === s.bytes[0]) byte0 = validByte0(r, s.version);
    out[0] = byte0;
    return out;
  },
};

const propertyLength: Mutator = {
  kind: 'property-length', about: 'Property Length +-1, 0, too big, huge, non-minimal, 5 bytes (Remaining Length fixed)',
  applies: (s) => s.version === 5 && fieldsOf(s, 'property-length').length > 0,
  mutate(r, s) {
    const f = r.pick(fieldsOf(s, 'property-length'));
    const value = readVbi(s.bytes, f.offset).value;
    let encoded: Uint8Array;
    switch (r.int(0, 6)) {
      case 0: encoded = vbi(value + 1); break;
      case 1: encoded = vbi(Math.max(0, value - 1)); break;
      case 2: encoded = vbi(value === 0 ? r.int(1, 20) : 0); break;
      case 3: encoded = vbi(value + r.int(2, 200)); break;
      case 4: encoded = vbi(268_435_455); break;
      case 5: {
        encoded = vbi(value);
        encoded[encoded.length - 1] |= 0x80;
        encoded = concat(encoded, Uint8Array.of(0));
        break;
      }
      default: encoded = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f);
    }
    return replaceConsistently(s, f.offset, f.offset + f.length, encoded);
  },
};

const KNOWN_IDS = new Set(Object.values(PROPERTY_DEFINITIONS).map((d) => d.id));
const UNKNOWN_IDS = Array.from({ length: 128 }, (_, id) => id).filter((id) => !KNOWN_IDS.has(id));

const propertyId: Mutator = {
  kind: 'property-id', about: 'identifier unknown, non-minimal or multi-byte, of another property (wrong for the packet), or a property duplicated',
  applies: (s) => s.version === 5 && fieldsOf(s, 'property-identifier').length > 0,
  mutate(r, s) {
    const entry = r.pick(propertyEntries(s));
    const container = [areaContainer(s, entry.area)];
    const idEnd = entry.id.offset + entry.id.length;
    switch (r.int(0, 3)) {
      case 0: return replaceConsistently(s, entry.id.offset, idEnd, Uint8Array.of(r.pick(UNKNOWN_IDS)), container);
      case 1: {
        const id = s.bytes[entry.id.offset];
        const choices = [Uint8Array.of(id | 0x80, 0x00), Uint8Array.of(0x80 | r.int(0, 127), r.int(1, 127)), Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f)];
        return replaceConsistently(s, entry.id.offset, idEnd, r.pick(choices), container);
      }
      case 2: {
        // Another known property, of the same data type when there is one, so the value still parses.
        const def = propertyById(s.bytes[entry.id.offset]);
        const same = Object.values(PROPERTY_DEFINITIONS).filter((d) => d.id !== def?.id && d.type === def?.type);
        const any = [...KNOWN_IDS].filter((id) => id !== def?.id);
        const id = same.length > 0 && r.chance(3, 4) ? r.pick(same).id : r.pick(any);
        return replaceConsistently(s, entry.id.offset, idEnd, Uint8Array.of(id), container);
      }
      default: {
        // The same property twice, right after itself.
        const copy = s.bytes.slice(entry.start, entry.end);
        return replaceConsistently(s, entry.end, entry.end, copy, container);
      }
    }
  },
};

const REASON_PACKETS = new Set<string>(['CONNACK', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBACK', 'UNSUBACK', 'DISCONNECT', 'AUTH']);
const ALL_CODES = Array.from({ length: 256 }, (_, code) => code);

function validCode(s: SeedPacket, code: number): boolean {
  if (s.version === 4) return s.type === 'CONNACK' ? code <= 5 : [0, 1, 2, 0x80].includes(code);
  return REASON_PACKETS.has(s.type) && isReasonCode(s.type as ReasonCodePacket, code);
}

/** Codes valid for some 5.0 packet (a plausible mistake), and all others. */
const SOME_VALID = ALL_CODES.filter((code) => [...REASON_PACKETS].some((p) => isReasonCode(p as ReasonCodePacket, code)));

const reasonCode: Mutator = {
  kind: 'reason-code', about: "reason / return code replaced by one this packet may not carry (often another packet's)",
  applies: (s) => s.fields.some(isReasonField),
  mutate(r, s) {
    const f = r.pick(s.fields.filter(isReasonField));
    const pool = (r.chance(1, 2) ? SOME_VALID : ALL_CODES).filter((code) => !validCode(s, code));
    const out = s.bytes.slice();
    out[f.offset] = r.pick(pool.length > 0 ? pool : ALL_CODES);
    return out;
  },
};

const stringLength: Mutator = {
  kind: 'string-length', about: 'a string or binary length +-1, 0, 0xffff, a little more, exactly what is left (+1)',
  applies: (s) => fieldsOf(s, 'string-length', 'binary-length').length > 0,
  mutate(r, s) {
    const f = r.pick(fieldsOf(s, 'string-length', 'binary-length'));
    const value = readU16(s.bytes, f.offset);
    const left = s.bytes.length - f.offset - 2;
    const choices = [value + 1, value - 1, 0, 0xffff, value + r.int(2, 20), left, left + 1, r.int(0, 0xffff)];
    const out = s.bytes.slice();
    out.set(u16(Math.max(0, Math.min(0xffff, r.pick(choices)))), f.offset);
    return out;
  },
};

/** Bytes a UTF-8 Encoded String must not hold, or should not (controls, noncharacters), or a topic must not (wildcards). */
const BAD_TEXT: readonly (readonly number[])[] = [
  [0x00], [0xc0, 0x80], [0xc1, 0xbf], [0x80], [0xbf], [0xff], [0xfe],
  [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xe0, 0x80, 0xaf], [0xef, 0xbf, 0xbf], [0x01], [0x7f], [0xc2, 0x9f],
  [0x23], [0x2b], [0x2f, 0x2f],
];

const stringContent: Mutator = {
  kind: 'string-content', about: 'invalid UTF-8 (overlong, surrogate, >U+10FFFF, cut), U+0000, controls, wildcards in a string',
  applies: (s) => fieldsOf(s, 'string-length').length > 0,
  mutate(r, s) {
    const f = r.pick(fieldsOf(s, 'string-length'));
    const start = f.offset + 2;
    const length = readU16(s.bytes, f.offset);
    const bad = Uint8Array.from(r.pick(BAD_TEXT));
    if (length > 0 && r.chance(2, 3)) {
      // Overwrite in place: no length changes.
      const at = start + r.int(0, length - 1);
      const out = s.bytes.slice();
      out.set(bad.subarray(0, start + length - at), at);
      return out;
    }
    // Insert, and make the string length, its property area and the Remaining Length agree.
    const at = start + r.int(0, length);
    const containers: Container[] = [{ offset: f.offset, size: 2, value: length, encoding: 'u16' }, ...enclosingArea(s, f.offset)];
    return replaceConsistently(s, at, at, bad, containers);
  },
};

const STRUCTURED: readonly Mutator[] = [
  truncateBody, insert, remove, remainingLength, packetType, propertyLength, propertyId, reasonCode, stringLength, stringContent,
];

const havoc: Mutator = {
  kind: 'havoc', about: 'one structured mutation, then 1-2 bit flips or byte replacements', applies: always,
  mutate(r, s) {
    const first = r.pick(STRUCTURED.filter((m) => m.applies(s)));
    let bytes = first.mutate(r, s);
    for (let n = r.int(1, 2); n > 0 && bytes.length > 0; n--) {
      const at = r.int(0, bytes.length - 1);
      bytes = bytes.slice();
      if (r.chance(1, 2)) bytes[at] ^= 1 << r.int(0, 7);
      else bytes[at] = r.pick(INTERESTING);
    }
    return bytes;
  },
};

/** Every mutation, in report order. */
export const MUTATORS: readonly Mutator[] = [bitFlip, byteReplace, truncate, ...STRUCTURED, havoc];
