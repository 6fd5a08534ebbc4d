/**
 * A read position inside one packet body: bytes[pos, end), where `end` is where the
 * Remaining Length says the packet stops. Reading past `end` breaks `shortRule`.
 *
 * `version` is the protocol the body is in: the same checks carry their 3.1.1 or their 5.0
 * ids (and, in 5.0, the Reason Code to answer with), see cursor-failure.ts.
 */
import { asPacketId, type PacketId, type ProtocolVersion } from '../types';
import { copyBytes } from './byte-pool';
import { fail, failVersioned, LENGTH, MALFORMED_PACKET, PACKET_ID_RULE } from './cursor-failure';
import { readUtf8 } from './utf8';

const EMPTY = new Uint8Array(0);

/** The generic rule for a body whose fields do not fit its Remaining Length (MQTT 2.2.3). */
export const LENGTH_RULE = LENGTH.v4;

export class Cursor {
  bytes: Uint8Array = EMPTY;
  pos = 0;
  end = 0;
  version: ProtocolVersion = 4;
  /** Rule broken when a field runs past the end; a section that knows better sets it. */
  shortRule = LENGTH_RULE;

  reset(bytes: Uint8Array, pos: number, end: number, version: ProtocolVersion = 4): this {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
    this.version = version;
    this.shortRule = version === 5 ? LENGTH.v5 : LENGTH_RULE;
    return this;
  }

  /** Switches the rules to `version`'s (a CONNECT names its own). */
  useVersion(version: ProtocolVersion): this {
    if (version !== this.version) {
      this.version = version;
      this.shortRule = version === 5 ? LENGTH.v5 : LENGTH_RULE;
    }
    return this;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  need(count: number, what: string): void {
    if (this.pos + count > this.end) this.short(what);
  }

  /** A field runs past the end: in 5.0 a Malformed Packet whatever the rule. */
  private short(what: string): never {
    return fail(this.shortRule, `${what} runs past the remaining length`, this.version === 5 ? MALFORMED_PACKET : undefined);
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

  /** A Four Byte Integer (MQTT 5.0, 1.5.3), unsigned. */
  u32(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const value = b[this.pos] * 0x100_0000 + ((b[this.pos + 1] << 16) | (b[this.pos + 2] << 8) | b[this.pos + 3]);
    this.pos += 4;
    return value;
  }

  /** A Variable Byte Integer (MQTT 5.0, 1.5.5): at most four bytes, and no more than the value needs. */
  vbi(what: string): number {
    let value = 0;
    let multiplier = 1;
    for (let size = 1; size <= 4; size++) {
      const byte = this.u8(what);
      value += (byte & 0x7f) * multiplier;
      if ((byte & 0x80) === 0) {
        // MQTT-1.5.5-1: a last byte of 0 after the first adds nothing, so the encoding is too long.
        if (size > 1 && byte === 0) fail('MQTT-1.5.5-1', `${what} takes ${size} bytes, more than ${value} needs`, MALFORMED_PACKET);
        return value;
      }
      multiplier *= 128;
    }
    // MQTT 1.5.5: "The maximum number of bytes in the Variable Byte Integer field is four."
    return fail('MQTT-1.5.5', `${what} continues past its fourth byte`, MALFORMED_PACKET);
  }

  /** A packet identifier, branded once checked: two bytes cap it at 65535, and it is never 0. */
  packetId(): PacketId {
    const id = this.u16('packet identifier');
    // MQTT-2.3.1-1 (5.0: MQTT-2.2.1-3): a packet identifier is never 0.
    if (id === 0) failVersioned(PACKET_ID_RULE, this.version, 'packet identifier is 0');
    return asPacketId(id);
  }

  /** The 2-byte length before a string or binary field (its failure message is built only on failure). */
  private lengthOf(what: string): number {
    if (this.pos + 2 > this.end) this.short(`${what} length`);
    const value = (this.bytes[this.pos] << 8) | this.bytes[this.pos + 1];
    this.pos += 2;
    return value;
  }

  /** A length-prefixed UTF-8 string (MQTT 1.5.3; 5.0: 1.5.4). */
  string(what: string): string {
    const length = this.lengthOf(what);
    this.need(length, what);
    const start = this.pos;
    this.pos += length;
    return readUtf8(this.bytes, start, this.pos, what, this.version);
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
