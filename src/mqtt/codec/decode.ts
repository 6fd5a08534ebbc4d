/**
 * decode(): the first packet in a byte array, as a value. Never throws on bad bytes.
 *
 *   1. byte 0: packet type and flags are checked alone (fixed-header.ts)
 *   2. Remaining Length: 1..4 bytes (remaining-length.ts); the packet too large for the
 *      receiver's Maximum Packet Size (5.0) is refused here, before its body arrives
 *   3. wait until the whole packet is there (`needMore`), then decode its body with the
 *      family's decoder, which must consume exactly Remaining Length bytes (MQTT 2.2.3)
 *
 * The version is an input: the bytes of a PUBLISH do not say whether it is 3.1.1 or 5.0
 * (default 3.1.1). A CONNECT says its own, in its protocol level byte, and is read by it.
 */
import type { Packet, PacketType, ProtocolVersion } from '../types';
import type { ProtocolError } from '../errors';
import { protocolError } from '../errors';
import { ackDecoder, ackDecoder5 } from './acks';
import { decodeConnack, decodeConnack5 } from './connack';
import { decodeConnect } from './connect';
import { Cursor } from './cursor';
import { DecodeFailure, LENGTH, versionedError } from './cursor-failure';
import { decodeAuth, decodeDisconnect5 } from './disconnect-auth';
import { checkByte0, packetTypeOf } from './fixed-header';
import { decodeDisconnect, decodePingreq, decodePingresp } from './header-only';
import { decodePublish, decodePublish5 } from './publish';
import { readRemainingLength } from './remaining-length';
import { decodeSuback, decodeSuback5, decodeSubscribe, decodeSubscribe5 } from './subscribe';
import { decodeUnsuback5, decodeUnsubscribe } from './unsubscribe';

export type DecodeResult =
  | { kind: 'packet'; packet: Packet; size: number }  // size = bytes consumed
  | { kind: 'needMore'; atLeast: number }             // the packet needs at least this many bytes, counted from offset
  | { kind: 'malformed'; error: ProtocolError };      // side 'remote', rule = normative id; 5.0: reasonCode to answer with

export interface DecodeOptions {
  /** The protocol on this connection; 4 (MQTT 3.1.1) when absent. A CONNECT is read by its own level. */
  version?: ProtocolVersion;
  /**
   * MQTT 5.0: the Maximum Packet Size this side announced, and where: in its CONNECT (we are the
   * client; a bigger packet breaks MQTT-3.1.2-24) or in its CONNACK (we are the server;
   * MQTT-3.2.2-15). A bigger packet is refused with Reason Code 0x95 Packet too large.
   */
  maximumPacketSize?: { bytes: number; setIn: 'CONNECT' | 'CONNACK' };
}

type BodyDecoder = (c: Cursor, flags: number) => Packet;

const DECODERS: Readonly<Record<PacketType, BodyDecoder>> = {
  CONNECT: decodeConnect,
  CONNACK: decodeConnack,
  PUBLISH: decodePublish,
  PUBACK: ackDecoder('PUBACK'),
  PUBREC: ackDecoder('PUBREC'),
  PUBREL: ackDecoder('PUBREL'),
  PUBCOMP: ackDecoder('PUBCOMP'),
  SUBSCRIBE: decodeSubscribe,
  SUBACK: decodeSuback,
  UNSUBSCRIBE: decodeUnsubscribe,
  UNSUBACK: ackDecoder('UNSUBACK'),
  PINGREQ: decodePingreq,
  PINGRESP: decodePingresp,
  DISCONNECT: decodeDisconnect,
  AUTH: decodeAuth, // never reached: type 15 is reserved in 3.1.1, and checkByte0 refuses it
};

const DECODERS_5: Readonly<Record<PacketType, BodyDecoder>> = {
  CONNECT: decodeConnect,
  CONNACK: decodeConnack5,
  PUBLISH: decodePublish5,
  PUBACK: ackDecoder5('PUBACK'),
  PUBREC: ackDecoder5('PUBREC'),
  PUBREL: ackDecoder5('PUBREL'),
  PUBCOMP: ackDecoder5('PUBCOMP'),
  SUBSCRIBE: decodeSubscribe5,
  SUBACK: decodeSuback5,
  UNSUBSCRIBE: decodeUnsubscribe,
  UNSUBACK: decodeUnsuback5,
  PINGREQ: decodePingreq,
  PINGRESP: decodePingresp,
  DISCONNECT: decodeDisconnect5,
  AUTH: decodeAuth,
};

/** Each table by the type code of byte 0. */
const byCode = (table: Readonly<Record<PacketType, BodyDecoder>>) => Array.from({ length: 16 }, (_, code) => {
  const type = packetTypeOf(code << 4, 5);
  return type === undefined ? undefined : table[type];
});
const DECODERS_BY_CODE = byCode(DECODERS);
const DECODERS_5_BY_CODE = byCode(DECODERS_5);

// One cursor for every decode: decoding is synchronous and never re-entered (see PERFORMANCE.md).
const cursor = new Cursor();
const NO_OPTIONS: DecodeOptions = {};

export function decode(bytes: Uint8Array, offset = 0, options: DecodeOptions = NO_OPTIONS): DecodeResult {
  const version = options.version ?? 4;
  const available = bytes.length - offset;
  if (available < 1) return { kind: 'needMore', atLeast: 2 }; // the smallest packet is 2 bytes
  const byte0 = bytes[offset];
  const headerError = checkByte0(byte0, version);
  if (headerError) return { kind: 'malformed', error: headerError };

  // A one-byte Remaining Length (any packet under 130 bytes) is read here (see PERFORMANCE.md).
  const first = available >= 2 ? bytes[offset + 1] : 0x80;
  let lengthSize = 1;
  let size = 2 + first;
  if (first > 0x7f) {
    const length = readRemainingLength(bytes, offset + 1, version);
    if (length.kind === 'malformed') return length;
    if (length.kind === 'needMore') return { kind: 'needMore', atLeast: 1 + length.size + 1 };
    lengthSize = length.size;
    size = 1 + length.size + length.value;
  }
  const limit = options.maximumPacketSize;
  if (limit !== undefined && size > limit.bytes) return tooLarge(size, limit);
  if (available < size) return { kind: 'needMore', atLeast: size };

  const body = cursor.reset(bytes, offset + 1 + lengthSize, offset + size, version);
  try {
    const decoders = version === 5 ? DECODERS_5_BY_CODE : DECODERS_BY_CODE;
    const packet = decoders[byte0 >> 4]!(body, byte0 & 0x0f); // checkByte0 refused the reserved types
    if (body.pos !== body.end) {
      // MQTT 2.2.3 (5.0: 2.1.4): the Remaining Length is the exact size of what follows.
      return { kind: 'malformed', error: versionedError(LENGTH, body.version, `${packet.type} has ${body.end - body.pos} bytes beyond its last field`) };
    }
    return { kind: 'packet', packet, size };
  } catch (e) {
    if (e instanceof DecodeFailure) return { kind: 'malformed', error: e.error };
    throw e;
  } finally {
    body.reset(EMPTY, 0, 0); // do not keep the caller's buffer alive
  }
}

const EMPTY = new Uint8Array(0);

function tooLarge(size: number, limit: NonNullable<DecodeOptions['maximumPacketSize']>): DecodeResult {
  // MQTT-3.1.2-24 / MQTT-3.2.2-15: no packet above the receiver's Maximum Packet Size; it answers 0x95 Packet too large.
  const rule = limit.setIn === 'CONNECT' ? 'MQTT-3.1.2-24' : 'MQTT-3.2.2-15';
  return { kind: 'malformed', error: protocolError('remote', rule, `a packet of ${size} bytes exceeds the Maximum Packet Size of ${limit.bytes}`, 0x95) };
}
