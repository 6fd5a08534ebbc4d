/**
 * The in-flight tables that QoS is really about, as the lab shows them for a client session
 * and for each broker session alike: packet ids awaiting an acknowledgement, and messages
 * queued behind the window or for an offline client.
 */
import type { PacketId } from '../types';
import { idsAwaiting, type OutboundFlow } from './outbound';

export interface InflightTables {
  /** Outbound QoS 1 PUBLISH waiting for PUBACK. */
  awaitingPuback: PacketId[];
  /** Outbound QoS 2 PUBLISH waiting for PUBREC. */
  awaitingPubrec: PacketId[];
  /** Outbound PUBREL waiting for PUBCOMP. */
  awaitingPubcomp: PacketId[];
  /** Inbound QoS 2: PUBREC sent, waiting for PUBREL. */
  awaitingPubrel: PacketId[];
  /** QoS 1/2 messages waiting for a connection or for room in the window. */
  queued: number;
}

/** Copies, never the state's own arrays. */
export function inflightTables(flow: OutboundFlow, awaitingPubrel: readonly PacketId[]): InflightTables {
  return {
    awaitingPuback: idsAwaiting(flow, 'PUBACK'),
    awaitingPubrec: idsAwaiting(flow, 'PUBREC'),
    awaitingPubcomp: idsAwaiting(flow, 'PUBCOMP'),
    awaitingPubrel: [...awaitingPubrel],
    queued: flow.queue.length,
  };
}

/** Whether a session still owes something: an id awaiting an acknowledgement or a queued message. */
export function holdsAny(t: InflightTables): boolean {
  return t.awaitingPuback.length + t.awaitingPubrec.length + t.awaitingPubcomp.length + t.awaitingPubrel.length + t.queued > 0;
}
