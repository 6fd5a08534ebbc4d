/**
 * Byte 0 of every control packet (MQTT 2.2.1, 2.2.2): the packet type and its flags.
 *
 *   bit      7   6   5   4  |  3     2     1     0
 *   byte 0   packet type    |  flags
 *   PUBLISH  0   0   1   1  |  DUP   QoS   QoS   RETAIN
 *   PUBREL, SUBSCRIBE,      |  0     0     1     0       (fixed, MQTT-3.6.1-1 / 3.8.1-1 / 3.10.1-1)
 *   UNSUBSCRIBE             |
 *   all others              |  0     0     0     0       (MQTT-2.2.2-1)
 *
 * Types 0 and 15 are reserved in 3.1.1; MQTT 5.0 gives 15 to AUTH and states the flag rules
 * once (MQTT-2.1.3-1), restated for PUBREL, SUBSCRIBE, UNSUBSCRIBE, DISCONNECT and AUTH.
 * Then comes the Remaining Length (remaining-length.ts).
 */
import type { PacketType, ProtocolVersion } from '../types';
import type { ProtocolError } from '../errors';
import { protocolError } from '../errors';
import { allocBytes } from './byte-pool';
import { MALFORMED_PACKET } from './cursor-failure';
import { remainingLengthSize, writeRemainingLength } from './remaining-length';

const TYPE_BY_CODE: readonly (PacketType | undefined)[] = [
  undefined, 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP',
  'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'AUTH',
];

/** The packet type named by byte 0's high nibble, or undefined for reserved 0 (and 15 in 3.1.1). */
export function packetTypeOf(byte0: number, version: ProtocolVersion = 4): PacketType | undefined {
  const type = TYPE_BY_CODE[(byte0 >> 4) & 0x0f];
  return type === 'AUTH' && version === 4 ? undefined : type;
}

/** The flags nibble each non-PUBLISH type must carry, and the rule that says so. */
export const FIXED_FLAGS: Readonly<Record<Exclude<PacketType, 'PUBLISH'>, { flags: number; rule: string }>> = {
  CONNECT: { flags: 0, rule: 'MQTT-2.2.2-2' },
  CONNACK: { flags: 0, rule: 'MQTT-2.2.2-2' },
  PUBACK: { flags: 0, rule: 'MQTT-2.2.2-2' },
  PUBREC: { flags: 0, rule: 'MQTT-2.2.2-2' },
  PUBREL: { flags: 0b0010, rule: 'MQTT-3.6.1-1' },
  PUBCOMP: { flags: 0, rule: 'MQTT-2.2.2-2' },
  SUBSCRIBE: { flags: 0b0010, rule: 'MQTT-3.8.1-1' },
  SUBACK: { flags: 0, rule: 'MQTT-2.2.2-2' },
  UNSUBSCRIBE: { flags: 0b0010, rule: 'MQTT-3.10.1-1' },
  UNSUBACK: { flags: 0, rule: 'MQTT-2.2.2-2' },
  PINGREQ: { flags: 0, rule: 'MQTT-2.2.2-2' },
  PINGRESP: { flags: 0, rule: 'MQTT-2.2.2-2' },
  DISCONNECT: { flags: 0, rule: 'MQTT-2.2.2-2' },
  AUTH: { flags: 0, rule: 'MQTT-2.2.2-2' }, // never checked under 3.1.1, where type 15 is reserved
};

/** The rule 5.0 cites for each type's flags: MQTT-2.1.3-1, and the restatements of 3.6.1, 3.8.1, 3.10.1, 3.14.1, 3.15.1. */
const FIXED_FLAGS_RULE_5: Readonly<Partial<Record<PacketType, string>>> = {
  PUBREL: 'MQTT-3.6.1-1', SUBSCRIBE: 'MQTT-3.8.1-1', UNSUBSCRIBE: 'MQTT-3.10.1-1',
  DISCONNECT: 'MQTT-3.14.1-1', AUTH: 'MQTT-3.15.1-1',
};

/** FIXED_FLAGS by the type code of byte 0. */
const FIXED_FLAGS_BY_CODE = TYPE_BY_CODE.map((type) => (type === undefined || type === 'PUBLISH' ? undefined : FIXED_FLAGS[type]));

/** Checks byte 0 alone, so a stream can be rejected at its first bad byte. */
export function checkByte0(byte0: number, version: ProtocolVersion = 4): ProtocolError | undefined {
  const type = packetTypeOf(byte0, version);
  // MQTT 2.2.1: types 0 and 15 are reserved (forbidden); 5.0 (2.1.2) keeps 0 reserved.
  if (type === undefined) return headerError(version, version === 5 ? 'MQTT-2.1.2' : 'MQTT-2.2.1', `reserved packet type ${byte0 >> 4}`);
  const flags = byte0 & 0x0f;
  if (type === 'PUBLISH') {
    const qos = (flags >> 1) & 0b11;
    // MQTT-3.3.1-4: a PUBLISH must not have both QoS bits set.
    if (qos === 3) return headerError(version, 'MQTT-3.3.1-4', 'PUBLISH with QoS 3');
    // MQTT-3.3.1-2: the DUP flag must be 0 for QoS 0 messages.
    if (qos === 0 && (flags & 0b1000) !== 0) return headerError(version, 'MQTT-3.3.1-2', 'PUBLISH QoS 0 with DUP set');
    return undefined;
  }
  const fixed = FIXED_FLAGS_BY_CODE[byte0 >> 4]!;
  // MQTT-2.2.2-1/2 (5.0: MQTT-2.1.3-1) and the per-packet statements: reserved flags must match; the receiver closes otherwise.
  if (flags !== fixed.flags) {
    const rule = version === 5 ? FIXED_FLAGS_RULE_5[type] ?? 'MQTT-2.1.3-1' : fixed.rule;
    return headerError(version, rule, `${type} flags must be ${fixed.flags.toString(2).padStart(4, '0')}, got ${flags.toString(2).padStart(4, '0')}`);
  }
  return undefined;
}

/** In 5.0 every fixed header fault is a Malformed Packet (2.1.3). */
function headerError(version: ProtocolVersion, rule: string, message: string): ProtocolError {
  return protocolError('remote', rule, message, version === 5 ? MALFORMED_PACKET : undefined);
}

/** Allocates the whole packet and writes byte 0 and the Remaining Length; the body starts at `out.length - remainingLength`. */
export function startPacket(byte0: number, remainingLength: number): Uint8Array {
  const out = allocBytes(1 + remainingLengthSize(remainingLength) + remainingLength);
  out[0] = byte0;
  writeRemainingLength(out, 1, remainingLength);
  return out;
}
