/**
 * encode(): a packet to its bytes, one exactly-sized Uint8Array per packet.
 * Throws only when our own code hands it an impossible packet (see `invariant` in each family).
 */
import type { Packet } from '../types';
import { assertNever } from '../errors';
import { encodeAck } from './acks';
import { encodeConnack } from './connack';
import { encodeConnect } from './connect';
import { encodeHeaderOnly } from './header-only';
import { encodePublish } from './publish';
import { encodeSuback, encodeSubscribe } from './subscribe';
import { encodeUnsubscribe } from './unsubscribe';

export function encode(packet: Packet): Uint8Array {
  switch (packet.type) {
    case 'PUBLISH': return encodePublish(packet);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
    case 'UNSUBACK': return encodeAck(packet);
    case 'CONNECT': return encodeConnect(packet);
    case 'CONNACK': return encodeConnack(packet);
    case 'SUBSCRIBE': return encodeSubscribe(packet);
    case 'SUBACK': return encodeSuback(packet);
    case 'UNSUBSCRIBE': return encodeUnsubscribe(packet);
    case 'PINGREQ':
    case 'PINGRESP':
    case 'DISCONNECT': return encodeHeaderOnly(packet);
    default: return assertNever(packet, 'packet');
  }
}
