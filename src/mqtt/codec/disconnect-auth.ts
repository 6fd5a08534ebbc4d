/**
 * DISCONNECT (MQTT 5.0, 3.14) and AUTH (3.15): a Reason Code and properties, each left out
 * when it says nothing. (3.1.1's DISCONNECT is a bare fixed header: header-only.ts.)
 *
 *   DISCONNECT  e0 | Remaining Length | [reason code | [property length | properties]]
 *   AUTH        f0 | Remaining Length | [reason code | [property length | properties]]
 *
 *   Remaining Length 0    no reason code: 0x00 (Normal disconnection / Success)
 *   Remaining Length 1    reason code only (3.14.2.2.1: "If the Remaining Length is less than 2, a value of 0 is used")
 *   Remaining Length 2+   reason code, then properties
 *
 * Rules kept: the Reason Code is one of the packet's (MQTT-3.14.2-1, MQTT-3.15.2-1); an AUTH
 * that is not the bare success form names its Authentication Method (3.15.2.2.2).
 */
import type { AuthPacket, AuthProperties, AuthReasonCode, DisconnectPacket, DisconnectProperties, DisconnectReasonCode } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { fail, PROTOCOL_ERROR } from './cursor-failure';
import type { Notes } from './annotations';
import { startPacket } from './fixed-header';
import { annotateProperties, propertiesFieldSize, propertiesSize, readProperties, writeProperties } from './properties';
import { PROPERTY_SETS } from './property-table';
import { isReasonCode, reasonCodeName, reasonCodeRule, reasonCodeText } from './reason-codes';

type ReasonPacket = DisconnectPacket | AuthPacket;

const BYTE0: Readonly<Record<ReasonPacket['type'], number>> = { DISCONNECT: 0xe0, AUTH: 0xf0 };

export function encodeDisconnect5(p: DisconnectPacket): Uint8Array {
  return encodeReasonPacket(p);
}

export function encodeAuth(p: AuthPacket): Uint8Array {
  // 3.15.2.2.2: "It is a Protocol Error to omit the Authentication Method" (except in the bare form).
  invariant((p.reasonCode === undefined && p.properties === undefined) || p.properties?.authenticationMethod !== undefined,
    'AUTH needs an authenticationMethod');
  return encodeReasonPacket(p);
}

function encodeReasonPacket(p: ReasonPacket): Uint8Array {
  const set = PROPERTY_SETS[p.type];
  const propsBytes = propertiesSize(p.properties, set);
  if (p.reasonCode === undefined && propsBytes === 0) return startPacket(BYTE0[p.type], 0);
  const code = p.reasonCode ?? 0;
  invariant(isReasonCode(p.type, code), `0x${code.toString(16)} is not a ${p.type} reason code (${reasonCodeRule(p.type)})`);
  const remaining = 1 + (propsBytes === 0 ? 0 : propertiesFieldSize(propsBytes));
  const out = startPacket(BYTE0[p.type], remaining);
  const pos = out.length - remaining;
  out[pos] = code;
  if (propsBytes > 0) writeProperties(out, pos + 1, p.properties, propsBytes, set);
  return out;
}

export function decodeDisconnect5(c: Cursor): DisconnectPacket {
  const packet: DisconnectPacket = { type: 'DISCONNECT' };
  if (c.remaining === 0) return packet;
  packet.reasonCode = readReasonCode(c, 'DISCONNECT') as DisconnectReasonCode;
  if (c.remaining === 0) return packet;
  const properties = readProperties(c, PROPERTY_SETS.DISCONNECT) as DisconnectProperties | undefined;
  if (properties) packet.properties = properties;
  return packet;
}

export function decodeAuth(c: Cursor): AuthPacket {
  const packet: AuthPacket = { type: 'AUTH' };
  if (c.remaining === 0) return packet;
  packet.reasonCode = readReasonCode(c, 'AUTH') as AuthReasonCode;
  const properties = c.remaining === 0 ? undefined : readProperties(c, PROPERTY_SETS.AUTH) as AuthProperties | undefined;
  // 3.15.2.2.2: "It is a Protocol Error to omit the Authentication Method."
  if (properties?.authenticationMethod === undefined) fail('MQTT-3.15.2.2.2', 'AUTH without an Authentication Method', PROTOCOL_ERROR);
  packet.properties = properties;
  return packet;
}

function readReasonCode(c: Cursor, type: ReasonPacket['type']): number {
  const code = c.u8('reason code');
  // MQTT-3.14.2-1 / MQTT-3.15.2-1: the sender uses one of this packet's Reason Codes.
  if (!isReasonCode(type, code)) fail(reasonCodeRule(type), `0x${code.toString(16)} is not a ${type} reason code`, PROTOCOL_ERROR);
  return code;
}

export function annotateReasonPacket(p: ReasonPacket, notes: Notes, end: number): void {
  if (notes.pos === end) return;
  const code = p.reasonCode ?? 0;
  notes.u8('Reason code', reasonCodeName(p.type, code)[1], reasonCodeText(p.type, code));
  if (notes.pos < end) annotateProperties(notes, PROPERTY_SETS[p.type]);
}
