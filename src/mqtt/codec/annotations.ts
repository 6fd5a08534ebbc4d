/**
 * Building annotations: each call names the next byte range of the packet, so the fields
 * come out in order and cover every byte once (a Wireshark-style dissection).
 */
import type { FieldKey } from './field-keys';
import { payloadText, utf8Length } from './utf8';

export interface Annotation {
  offset: number;
  length: number;
  field: string;
  value: string;
  /** Key into FIELD_TEXT (ui/i18n/fields.ts). */
  explain: FieldKey;
  /** Bit-level breakdown of a flags byte: each entry covers the same byte, with its `mask`. */
  bits?: Annotation[];
  /** Which bits of the byte a bit-level entry covers, e.g. '0000 0110'. */
  mask?: string;
}

/** One named group of bits in a flags byte: [mask, field, explain key]. */
export type BitField = readonly [mask: number, field: string, explain: FieldKey];

export function maskText(mask: number): string {
  const bits = mask.toString(2).padStart(8, '0');
  return `${bits.slice(0, 4)} ${bits.slice(4)}`;
}

/** Value of the masked bits, shifted down, e.g. QoS bits of 0x34 -> 2. */
export function maskedValue(byte: number, mask: number): number {
  let shift = 0;
  while (((mask >> shift) & 1) === 0) shift++;
  return (byte & mask) >> shift;
}

export class Notes {
  readonly fields: Annotation[] = [];
  pos: number;
  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }

  add(length: number, field: string, explain: FieldKey, value: string, bits?: Annotation[]): void {
    const note: Annotation = { offset: this.pos, length, field, value, explain };
    if (bits) note.bits = bits;
    this.fields.push(note);
    this.pos += length;
  }

  /** A flags byte, with one bit-level entry per group. */
  flags(field: string, explain: FieldKey, groups: readonly BitField[]): void {
    const byte = this.bytes[this.pos];
    const bits = groups.map(([mask, name, key]): Annotation => ({
      offset: this.pos, length: 1, field: name, value: String(maskedValue(byte, mask)),
      explain: key, mask: maskText(mask),
    }));
    this.add(1, field, explain, `0x${byte.toString(16).padStart(2, '0')}`, bits);
  }

  u8(field: string, explain: FieldKey, value: string): void {
    this.add(1, field, explain, value);
  }

  u16(field: string, explain: FieldKey, value: number): void {
    this.add(2, field, explain, String(value));
  }

  packetId(id: number): void {
    this.u16('Packet identifier', 'packet-id', id);
  }

  string(field: string, explain: FieldKey, text: string): void {
    const length = utf8Length(text);
    this.add(2, `${field} length`, 'string-length', String(length));
    this.add(length, field, explain, JSON.stringify(text));
  }

  /** Bytes without a length prefix that run to the end of the packet (a PUBLISH payload). */
  binaryRest(field: string, explain: FieldKey, data: Uint8Array): void {
    this.add(data.length, field, explain, preview(data));
  }

  binary(field: string, explain: FieldKey, data: Uint8Array): void {
    this.add(2, `${field} length`, 'binary-length', String(data.length));
    this.add(data.length, field, explain, preview(data));
  }
}

/** Short readable preview of bytes: text when it decodes cleanly, hex otherwise. */
export function preview(data: Uint8Array): string {
  const text = payloadText(data.subarray(0, 64));
  const printable = isPrintable(text);
  const shown = printable
    ? JSON.stringify(text)
    : Array.from(data.subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join(' ');
  const more = data.length > (printable ? 64 : 16) ? ' ...' : '';
  return `${shown}${more} (${data.length} bytes)`;
}

function isPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || unit === 0xfffd) return false;
  }
  return true;
}
