/**
 * CONNACK (MQTT 3.2): the server's answer to CONNECT.
 *
 *   byte 0   0010 0000
 *   byte 1   Remaining Length = 2 (3.1.1); 2 + properties (5.0)
 *   byte 2   acknowledge flags   bit 7..1 reserved (0) | bit 0 session present
 *   byte 3   3.1.1: return code  0 accepted, 1 bad protocol level, 2 identifier rejected,
 *                                3 server unavailable, 4 bad user name or password, 5 not authorized
 *            5.0:   Connect Reason Code (3.2.2.2): 0x00 Success, 0x80 and up a refusal
 *   5.0      properties (3.2.2.3)
 */
import type { ConnackPacket, ConnackPacket5, ConnackProperties, ConnackReasonCode, ConnackReturnCode, ProtocolVersion } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { fail, MALFORMED_PACKET, PROTOCOL_ERROR } from './cursor-failure';
import type { BitField, Notes } from './annotations';
import { startPacket } from './fixed-header';
import { annotateProperties, propertiesFieldSize, propertiesSize, readProperties, writeProperties } from './properties';
import { PROPERTY_SETS } from './property-table';
import { isReasonCode, reasonCodeName, reasonCodeRule, reasonCodeText } from './reason-codes';

const FLAG_BITS: readonly BitField[] = [
  [0b1111_1110, 'Reserved', 'reserved-bits'],
  [0b0000_0001, 'Session present', 'session-present'],
];

const RETURN_CODE_NAMES = [
  'accepted', 'unacceptable protocol version', 'identifier rejected',
  'server unavailable', 'bad user name or password', 'not authorized',
] as const;

export function encodeConnack(p: ConnackPacket, version: ProtocolVersion): Uint8Array {
  if (version === 5) return encodeConnack5(p);
  invariant('returnCode' in p, 'a 3.1.1 CONNACK has a returnCode, not a reasonCode');
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

function encodeConnack5(p: ConnackPacket): Uint8Array {
  invariant('reasonCode' in p, 'a 5.0 CONNACK has a reasonCode, not a returnCode');
  invariant(isReasonCode('CONNACK', p.reasonCode), `0x${p.reasonCode.toString(16)} is not a CONNACK reason code (MQTT-3.2.2-8)`);
  // MQTT-3.2.2-6: a non-zero Reason Code comes with session present 0.
  invariant(p.reasonCode === 0 || !p.sessionPresent, 'CONNACK refusal with sessionPresent (MQTT-3.2.2-6)');
  const propsBytes = propertiesSize(p.properties, PROPERTY_SETS.CONNACK);
  const remaining = 2 + propertiesFieldSize(propsBytes);
  const out = startPacket(0x20, remaining);
  let pos = out.length - remaining;
  out[pos++] = p.sessionPresent ? 1 : 0;
  out[pos++] = p.reasonCode;
  writeProperties(out, pos, p.properties, propsBytes, PROPERTY_SETS.CONNACK);
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

export function decodeConnack5(c: Cursor): ConnackPacket5 {
  const flags = c.u8('acknowledge flags');
  // MQTT-3.2.2-1: bits 7-1 of the Connect Acknowledge Flags are reserved and set to 0.
  if (flags > 1) fail('MQTT-3.2.2-1', `CONNACK reserved flag bits set (0x${flags.toString(16)})`, MALFORMED_PACKET);
  const reasonCode = c.u8('reason code');
  // MQTT-3.2.2-8: the server uses one of the Connect Reason Codes.
  if (!isReasonCode('CONNACK', reasonCode)) fail(reasonCodeRule('CONNACK'), `0x${reasonCode.toString(16)} is not a CONNACK reason code`, PROTOCOL_ERROR);
  const sessionPresent = flags === 1;
  // MQTT-3.2.2-6: a non-zero Reason Code comes with session present 0.
  if (sessionPresent && reasonCode !== 0) fail('MQTT-3.2.2-6', 'CONNACK refusal with session present set', PROTOCOL_ERROR);
  const packet: ConnackPacket5 = { type: 'CONNACK', sessionPresent, reasonCode: reasonCode as ConnackReasonCode };
  const properties = readProperties(c, PROPERTY_SETS.CONNACK) as ConnackProperties | undefined;
  if (properties) packet.properties = properties;
  return packet;
}

export function annotateConnack(p: ConnackPacket, notes: Notes): void {
  notes.flags('Acknowledge flags', 'connack-flags', FLAG_BITS);
  if ('returnCode' in p) {
    notes.u8('Return code', 'connect-return-code', `${p.returnCode} (${RETURN_CODE_NAMES[p.returnCode]})`);
    return;
  }
  notes.u8('Reason code', reasonCodeName('CONNACK', p.reasonCode)[1], reasonCodeText('CONNACK', p.reasonCode));
  annotateProperties(notes, PROPERTY_SETS.CONNACK);
}
