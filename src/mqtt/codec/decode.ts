/**
 * decode(): the first packet in a byte array, as a value. Never throws on bad bytes.
 *
 *   1. byte 0: packet type and flags are checked alone (fixed-header.ts)
 *   2. Remaining Length: 1..4 bytes (remaining-length.ts)
 *   3. wait until the whole packet is there (`needMore`), then decode its body with the
 *      family's decoder, which must consume exactly Remaining Length bytes (MQTT 2.2.3)
 */
import type { Packet, PacketType } from '../types';
import type { ProtocolError } from '../errors';
import { protocolError } from '../errors';
import { ackDecoder } from './acks';
import { decodeConnack } from './connack';
import { decodeConnect } from './connect';
import { Cursor, LENGTH_RULE } from './cursor';
import { DecodeFailure } from './cursor-failure';
import { checkByte0, packetTypeOf } from './fixed-header';
import { decodeDisconnect, decodePingreq, decodePingresp } from './header-only';
import { decodePublish } from './publish';
import { readRemainingLength } from './remaining-length';
import { decodeSuback, decodeSubscribe } from './subscribe';
import { decodeUnsubscribe } from './unsubscribe';

export type DecodeResult =
  | { kind: 'packet'; packet: Packet; size: number }  // size = bytes consumed
  | { kind: 'needMore'; atLeast: number }             // the packet needs at least this many bytes, counted from offset
  | { kind: 'malformed'; error: ProtocolError };      // side 'remote', rule = normative id

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
};

/** DECODERS by the type code of byte 0. */
const DECODERS_BY_CODE = Array.from({ length: 16 }, (_, code) => {
  const type = packetTypeOf(code << 4);
  return type === undefined ? undefined : DECODERS[type];
});

// One cursor for every decode: decoding is synchronous and never re-entered (see PERFORMANCE.md).
const cursor = new Cursor();

export function decode(bytes: Uint8Array, offset = 0): DecodeResult {
  const available = bytes.length - offset;
  if (available < 1) return { kind: 'needMore', atLeast: 2 }; // the smallest packet is 2 bytes
  const byte0 = bytes[offset];
  const headerError = checkByte0(byte0);
  if (headerError) return { kind: 'malformed', error: headerError };

  // A one-byte Remaining Length (any packet under 130 bytes) is read here (see PERFORMANCE.md).
  const first = available >= 2 ? bytes[offset + 1] : 0x80;
  let lengthSize = 1;
  let size = 2 + first;
  if (first > 0x7f) {
    const length = readRemainingLength(bytes, offset + 1);
    if (length.kind === 'malformed') return length;
    if (length.kind === 'needMore') return { kind: 'needMore', atLeast: 1 + length.size + 1 };
    lengthSize = length.size;
    size = 1 + length.size + length.value;
  }
  if (available < size) return { kind: 'needMore', atLeast: size };

  const body = cursor.reset(bytes, offset + 1 + lengthSize, offset + size);
  try {
    const packet = DECODERS_BY_CODE[byte0 >> 4]!(body, byte0 & 0x0f); // checkByte0 refused the reserved types
    if (body.pos !== body.end) {
      // MQTT 2.2.3: the Remaining Length is the exact size of what follows.
      return malformed(LENGTH_RULE, `${packet.type} has ${body.end - body.pos} bytes beyond its last field`);
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

function malformed(rule: string, message: string): DecodeResult {
  return { kind: 'malformed', error: protocolError('remote', rule, message) };
}
