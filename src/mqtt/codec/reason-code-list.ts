/**
 * The body MQTT 5.0's SUBACK and UNSUBACK share: packet identifier, properties, then one Reason
 * Code per topic filter of the request (3.9, 3.11). One encoder and one decoder serve both.
 *
 *   | packet id (2) | property length (VBI) + properties | reason code | reason code | ...
 */
import type { AckProperties, PacketId } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { fail, PROTOCOL_ERROR } from './cursor-failure';
import { startPacket } from './fixed-header';
import { propertiesFieldSize, propertiesSize, readProperties, writeProperties } from './properties';
import { PROPERTY_SETS } from './property-table';
import { isPacketId } from './publish';
import { isReasonCode, reasonCodeRule } from './reason-codes';
import { MAX_REMAINING_LENGTH } from './remaining-length';

type ListType = 'SUBACK' | 'UNSUBACK';

const SHAPE: Readonly<Record<ListType, { byte0: number; a: string; rule: string }>> = {
  SUBACK: { byte0: 0x90, a: 'a SUBACK', rule: 'MQTT-3.9.3-2' },
  UNSUBACK: { byte0: 0xb0, a: 'an UNSUBACK', rule: 'MQTT-3.11.3-2' },
};

export function encodeReasonCodeList(type: ListType, packetId: PacketId, properties: AckProperties | undefined, reasonCodes: readonly number[]): Uint8Array {
  const { byte0, a, rule } = SHAPE[type];
  invariant(isPacketId(packetId), `${type} needs a packetId 1..65535`);
  const propsBytes = propertiesSize(properties, PROPERTY_SETS[type]);
  const remaining = 2 + propertiesFieldSize(propsBytes) + reasonCodes.length;
  invariant(remaining <= MAX_REMAINING_LENGTH, `${type} larger than 268,435,455 bytes`);
  const out = startPacket(byte0, remaining);
  let pos = out.length - remaining;
  out[pos++] = packetId >> 8;
  out[pos++] = packetId & 0xff;
  pos = writeProperties(out, pos, properties, propsBytes, PROPERTY_SETS[type]);
  for (const code of reasonCodes) {
    invariant(isReasonCode(type, code), `0x${code.toString(16)} is not ${a} reason code (${rule})`);
    out[pos++] = code;
  }
  return out;
}

/**
 * MQTT-3.9.3-2 / MQTT-3.11.3-2: the server uses one of that packet's Reason Codes for each filter;
 * any other byte is a Protocol Error.
 */
export function decodeReasonCodeList<C extends number>(c: Cursor, type: ListType): { packetId: PacketId; reasonCodes: C[]; properties?: AckProperties } {
  const packetId = c.packetId();
  const properties = readProperties(c, PROPERTY_SETS[type]) as AckProperties | undefined;
  const reasonCodes: C[] = [];
  while (c.remaining > 0) {
    const code = c.u8('reason code');
    if (!isReasonCode(type, code)) fail(reasonCodeRule(type), `0x${code.toString(16)} is not ${SHAPE[type].a} reason code`, PROTOCOL_ERROR);
    reasonCodes.push(code as C);
  }
  return properties ? { packetId, reasonCodes, properties } : { packetId, reasonCodes };
}
