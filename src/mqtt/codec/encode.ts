/**
 * encode(): a packet to its bytes, one exactly-sized Uint8Array per packet.
 * Throws only when our own code hands it an impossible packet (see `invariant` in each family),
 * e.g. 5.0 fields in a packet to be sent as 3.1.1.
 *
 * The version is an input (default 4, MQTT 3.1.1): a PUBLISH without properties is a
 * different byte string in 5.0, which always has a Property Length. A CONNECT is laid out by
 * its own protocolLevel.
 */
import type { Packet, ProtocolVersion } from '../types';
import { assertNever, invariant } from '../errors';
import { encodeAck, encodeAck5 } from './acks';
import { encodeConnack } from './connack';
import { encodeConnect } from './connect';
import { encodeAuth, encodeDisconnect5 } from './disconnect-auth';
import { encodeHeaderOnly } from './header-only';
import { encodePublish, encodePublish5 } from './publish';
import { encodeSuback, encodeSuback5, encodeSubscribe, encodeSubscribe5 } from './subscribe';
import { encodeUnsuback5, encodeUnsubscribe, encodeUnsubscribe5 } from './unsubscribe';

export interface EncodeOptions {
  /** The protocol on this connection; 4 (MQTT 3.1.1) when absent. */
  version?: ProtocolVersion;
}

const NO_OPTIONS: EncodeOptions = {};

// Two signatures, the one-argument one last, so that `packets.map(encode)` still compiles (an
// index handed in as options names no version, so it means 3.1.1, as it always did).
export function encode(packet: Packet, options: EncodeOptions): Uint8Array;
export function encode(packet: Packet): Uint8Array;
export function encode(packet: Packet, options: EncodeOptions = NO_OPTIONS): Uint8Array {
  const v5 = options.version === 5;
  switch (packet.type) {
    case 'PUBLISH': return v5 ? encodePublish5(packet) : encodePublish(packet);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP': return v5 ? encodeAck5(packet) : encodeAck(packet);
    case 'UNSUBACK': return v5 ? encodeUnsuback5(packet) : encodeAck(packet);
    case 'CONNECT': return encodeConnect(packet);
    case 'CONNACK': return encodeConnack(packet, v5 ? 5 : 4);
    case 'SUBSCRIBE': return v5 ? encodeSubscribe5(packet) : encodeSubscribe(packet);
    case 'SUBACK': return v5 ? encodeSuback5(packet) : encodeSuback(packet);
    case 'UNSUBSCRIBE': return v5 ? encodeUnsubscribe5(packet) : encodeUnsubscribe(packet);
    case 'PINGREQ':
    case 'PINGRESP': return encodeHeaderOnly(packet);
    case 'DISCONNECT': return v5 ? encodeDisconnect5(packet) : encodeHeaderOnly(packet);
    case 'AUTH':
      invariant(v5, 'AUTH exists in MQTT 5.0 only');
      return encodeAuth(packet);
    default: return assertNever(packet, 'packet');
  }
}
