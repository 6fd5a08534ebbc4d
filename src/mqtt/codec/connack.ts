/**
 * CONNACK (MQTT 3.2): the server's answer to CONNECT.
 *
 *   byte 0   0010 0000
 *   byte 1   Remaining Length = 2
 *   byte 2   acknowledge flags   bit 7..1 reserved (0) | bit 0 session present
 *   byte 3   return code  0 accepted, 1 bad protocol level, 2 identifier rejected,
 *                         3 server unavailable, 4 bad user name or password, 5 not authorized
 */
import type { ConnackPacket, ConnackReturnCode } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { fail } from './cursor-failure';
import type { BitField, Notes } from './annotations';

const FLAG_BITS: readonly BitField[] = [
  [0b1111_1110, 'Reserved', 'reserved-bits'],
  [0b0000_0001, 'Session present', 'session-present'],
];

const RETURN_CODE_NAMES = [
  'accepted', 'unacceptable protocol version', 'identifier rejected',
  'server unavailable', 'bad user name or password', 'not authorized',
] as const;

export function encodeConnack(p: ConnackPacket): Uint8Array {
  invariant(Number.isInteger(p.returnCode) && p.returnCode >= 0 && p.returnCode <= 5, 'CONNACK return code must be 0..5');
  // MQTT-3.2.2-4: a refusal always says session present 0.
  invariant(p.returnCode === 0 || !p.sessionPresent, 'CONNACK refusal with sessionPresent (MQTT-3.2.2-4)');
  const out = new Uint8Array(4);
  out[0] = 0x20;
  out[1] = 2;
  out[2] = p.sessionPresent ? 1 : 0;
  out[3] = p.returnCode;
  return out;
}

export function decodeConnack(c: Cursor): ConnackPacket {
  const flags = c.u8('acknowledge flags');
  // MQTT 3.2.2.1: bits 7-1 of the acknowledge flags are reserved and set to 0.
  if (flags > 1) fail('MQTT-3.2.2.1', `CONNACK reserved flag bits set (0x${flags.toString(16)})`);
  const returnCode = c.u8('return code');
  // MQTT 3.2.2.3: return codes 6-255 are reserved.
  if (returnCode > 5) fail('MQTT-3.2.2.3', `CONNACK return code ${returnCode} is reserved`);
  const sessionPresent = flags === 1;
  // MQTT-3.2.2-4: a non-zero return code comes with session present 0.
  if (sessionPresent && returnCode !== 0) fail('MQTT-3.2.2-4', 'CONNACK refusal with session present set');
  return { type: 'CONNACK', sessionPresent, returnCode: returnCode as ConnackReturnCode };
}

export function annotateConnack(p: ConnackPacket, notes: Notes): void {
  notes.flags('Acknowledge flags', 'connack-flags', FLAG_BITS);
  notes.u8('Return code', 'connect-return-code', `${p.returnCode} (${RETURN_CODE_NAMES[p.returnCode]})`);
}
