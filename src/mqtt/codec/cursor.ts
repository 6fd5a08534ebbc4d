/**
 * A read position inside one packet body: bytes[pos, end), where `end` is where the
 * Remaining Length says the packet stops. Reading past `end` breaks `shortRule`.
 */
import { asPacketId, type PacketId } from '../types';
import { copyBytes } from './byte-pool';
import { fail } from './cursor-failure';
import { readUtf8 } from './utf8';

const EMPTY = new Uint8Array(0);

/** The generic rule for a body whose fields do not fit its Remaining Length (MQTT 2.2.3). */
export const LENGTH_RULE = 'MQTT-2.2.3';

export class Cursor {
  bytes: Uint8Array = EMPTY;
  pos = 0;
  end = 0;
  /** Rule broken when a field runs past the end; a section that knows better sets it. */
  shortRule = LENGTH_RULE;

  reset(bytes: Uint8Array, pos: number, end: number): this {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
    this.shortRule = LENGTH_RULE;
    return this;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  need(count: number, what: string): void {
    if (this.pos + count > this.end) fail(this.shortRule, `${what} runs past the remaining length`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.pos++];
  }

  u16(what: string): number {
    this.need(2, what);
    const value = (this.bytes[this.pos] << 8) | this.bytes[this.pos + 1];
    this.pos += 2;
    return value;
  }

  /** A packet identifier, branded once checked: two bytes cap it at 65535, and it is never 0. */
  packetId(): PacketId {
    const id = this.u16('packet identifier');
    // MQTT-2.3.1-1: a packet identifier is never 0.
    if (id === 0) fail('MQTT-2.3.1-1', 'packet identifier is 0');
    return asPacketId(id);
  }

  /** The 2-byte length before a string or binary field (its failure message is built only on failure). */
  private lengthOf(what: string): number {
    if (this.pos + 2 > this.end) fail(this.shortRule, `${what} length runs past the remaining length`);
    const value = (this.bytes[this.pos] << 8) | this.bytes[this.pos + 1];
    this.pos += 2;
    return value;
  }

  /** A length-prefixed UTF-8 string (MQTT 1.5.3). */
  string(what: string): string {
    const length = this.lengthOf(what);
    this.need(length, what);
    const start = this.pos;
    this.pos += length;
    return readUtf8(this.bytes, start, this.pos, what);
  }

  /** Length-prefixed binary data, copied out (packets must not share the input buffer). */
  binary(what: string): Uint8Array {
    const length = this.lengthOf(what);
    this.need(length, what);
    const start = this.pos;
    this.pos += length;
    return copyBytes(this.bytes, start, this.pos);
  }

  /** Everything up to `end`, copied out. */
  rest(): Uint8Array {
    const start = this.pos;
    this.pos = this.end;
    return copyBytes(this.bytes, start, this.end);
  }
}
