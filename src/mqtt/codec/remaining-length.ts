/**
 * Remaining Length (MQTT 2.2.3): the byte count of the variable header plus payload, after
 * the fixed header's first byte. Seven bits per byte, least significant group first; the
 * top bit says "another byte follows". Four bytes at most, so 268,435,455 is the largest.
 *
 *   value                       bytes   example
 *   0 .. 127                    1       64           -> 40
 *   128 .. 16,383               2       321          -> c1 02
 *   16,384 .. 2,097,151         3       2,097,151    -> ff ff 7f
 *   2,097,152 .. 268,435,455    4       268,435,455  -> ff ff ff 7f
 *
 * MQTT 5.0 calls this encoding a Variable Byte Integer (1.5.5) and also uses it for property
 * lengths, property identifiers and Subscription Identifiers; it must take the fewest bytes
 * that hold the value (MQTT-1.5.5-1), so 5.0 refuses 80 00 for 0, which 3.1.1 let pass.
 */
import type { ProtocolError } from '../errors';
import { protocolError } from '../errors';
import type { ProtocolVersion } from '../types';
import { MALFORMED_PACKET } from './cursor-failure';

export const MAX_REMAINING_LENGTH = 268_435_455;

export type RemainingLengthRead =
  | { kind: 'value'; value: number; size: number }
  | { kind: 'needMore'; size: number }            // bytes of the field seen so far, all continued
  | { kind: 'malformed'; error: ProtocolError };

/** How many bytes the encoding of `value` takes (1..4). */
export function remainingLengthSize(value: number): number {
  return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
}

/** Writes `value` at `pos`; returns the position after it. */
export function writeRemainingLength(out: Uint8Array, pos: number, value: number): number {
  let rest = value;
  do {
    const digit = rest & 0x7f;
    rest >>>= 7;
    out[pos++] = rest > 0 ? digit | 0x80 : digit;
  } while (rest > 0);
  return pos;
}

/** The names MQTT 5.0 gives these two, for the fields that are not a Remaining Length. */
export const variableByteIntegerSize = remainingLengthSize;
export const writeVariableByteInteger = writeRemainingLength;

/** Reads the field starting at `pos` (just after byte 0). Never throws. */
export function readRemainingLength(bytes: Uint8Array, pos: number, version: ProtocolVersion = 4): RemainingLengthRead {
  let value = 0;
  let multiplier = 1;
  for (let size = 1; size <= 4; size++) {
    if (pos + size > bytes.length) return { kind: 'needMore', size: size - 1 };
    const byte = bytes[pos + size - 1];
    value += (byte & 0x7f) * multiplier;
    if ((byte & 0x80) === 0) {
      // MQTT-1.5.5-1 (5.0 only): the fewest bytes; a last byte of 0 after the first adds nothing.
      if (version === 5 && size > 1 && byte === 0) {
        return { kind: 'malformed', error: protocolError('remote', 'MQTT-1.5.5-1', `remaining length ${value} takes ${size} bytes, more than it needs`, MALFORMED_PACKET) };
      }
      return { kind: 'value', value, size };
    }
    multiplier *= 128;
  }
  // MQTT 2.2.3 (5.0: 1.5.5): "The maximum number of bytes in the Remaining Length field is four."
  return {
    kind: 'malformed',
    error: version === 5
      ? protocolError('remote', 'MQTT-1.5.5', 'remaining length continues past its fourth byte', MALFORMED_PACKET)
      : protocolError('remote', 'MQTT-2.2.3', 'remaining length continues past its fourth byte'),
  };
}
