/**
 * A read-only summary of a client session for the lab's state tables. Pure; copies, never
 * exposes the state's own arrays.
 */
import type { PacketId, Subscription } from '../types';
import { idsAwaiting } from './sender';
import type { ClientState, ClientStatus } from './types';

export interface ClientView {
  clientId: string;
  status: ClientStatus;
  connected: boolean;
  sessionPresent: boolean;
  cleanSession: boolean;
  subscriptions: Subscription[];
  /** Outbound QoS 1 PUBLISH waiting for PUBACK. */
  awaitingPuback: PacketId[];
  /** Outbound QoS 2 PUBLISH waiting for PUBREC. */
  awaitingPubrec: PacketId[];
  /** Outbound QoS 2 PUBREL waiting for PUBCOMP. */
  awaitingPubcomp: PacketId[];
  /** Inbound QoS 2 ids we sent PUBREC for, waiting for PUBREL. */
  awaitingPubrel: PacketId[];
  /** QoS 1/2 messages waiting for a connection or window room. */
  queued: number;
}

export function clientView(state: ClientState): ClientView {
  return {
    clientId: state.options.clientId,
    status: state.status,
    connected: state.status === 'connected',
    sessionPresent: state.sessionPresent,
    cleanSession: state.options.cleanSession,
    subscriptions: state.subscriptions.map((s) => ({ ...s })),
    awaitingPuback: idsAwaiting(state.flow, 'PUBACK'),
    awaitingPubrec: idsAwaiting(state.flow, 'PUBREC'),
    awaitingPubcomp: idsAwaiting(state.flow, 'PUBCOMP'),
    awaitingPubrel: [...state.awaitingPubrel],
    queued: state.flow.queue.length,
  };
}
