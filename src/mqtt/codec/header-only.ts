/**
 * Packets that are only a fixed header, Remaining Length 0 (MQTT 3.12 - 3.14).
 *
 *   PINGREQ     c0 00
 *   PINGRESP    d0 00
 *   DISCONNECT  e0 00      (3.1.1; a 5.0 DISCONNECT may carry more: disconnect-auth.ts)
 */
import type { DisconnectPacket, PingreqPacket, PingrespPacket } from '../types';
import { invariant } from '../errors';

export type HeaderOnlyPacket = PingreqPacket | PingrespPacket | DisconnectPacket;

const BYTE0: Readonly<Record<HeaderOnlyPacket['type'], number>> = {
  PINGREQ: 0xc0,
  PINGRESP: 0xd0,
  DISCONNECT: 0xe0,
};

export function encodeHeaderOnly(p: HeaderOnlyPacket): Uint8Array {
  if (p.type === 'DISCONNECT') invariant(p.reasonCode === undefined && p.properties === undefined, 'DISCONNECT reason codes and properties need MQTT 5.0');
  const out = new Uint8Array(2);
  out[0] = BYTE0[p.type];
  return out;
}

// Decoding needs no body reader: decode() refuses any byte after the header (MQTT 2.2.3).
export const decodePingreq = (): PingreqPacket => ({ type: 'PINGREQ' });
export const decodePingresp = (): PingrespPacket => ({ type: 'PINGRESP' });
export const decodeDisconnect = (): DisconnectPacket => ({ type: 'DISCONNECT' });
