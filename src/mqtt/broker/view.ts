/**
 * A read-only summary of the broker for the lab's state tables: one row per session, one per
 * retained message. Pure; copies, never exposes the state's own arrays.
 */
import type { PacketId, QoS, Subscription } from '../types';
import { idsAwaiting } from '../client/sender';
import type { BrokerState, ConnId } from './types';

export interface BrokerSessionView {
  clientId: string;
  connected: boolean;
  connId?: ConnId;
  cleanSession: boolean;
  subscriptions: Subscription[];
  /** Outbound QoS 1 PUBLISH to this client waiting for PUBACK. */
  awaitingPuback: PacketId[];
  /** Outbound QoS 2 PUBLISH waiting for PUBREC. */
  awaitingPubrec: PacketId[];
  /** Outbound PUBREL waiting for PUBCOMP. */
  awaitingPubcomp: PacketId[];
  /** Inbound QoS 2 from this client: PUBREC sent, waiting for PUBREL. */
  awaitingPubrel: PacketId[];
  queued: number;
}

export interface BrokerView {
  sessions: BrokerSessionView[];
  retained: { topic: string; qos: QoS; payloadBytes: number }[];
  connections: number;
}

export function brokerView(state: BrokerState): BrokerView {
  const sessions: BrokerSessionView[] = [...state.sessions.values()].map((s) => {
    const row: BrokerSessionView = {
      clientId: s.clientId,
      connected: s.connId !== undefined,
      cleanSession: s.cleanSession,
      subscriptions: s.subscriptions.map((sub) => ({ ...sub })),
      awaitingPuback: idsAwaiting(s.flow, 'PUBACK'),
      awaitingPubrec: idsAwaiting(s.flow, 'PUBREC'),
      awaitingPubcomp: idsAwaiting(s.flow, 'PUBCOMP'),
      awaitingPubrel: s.awaitingPubrel.map((a) => a.packetId),
      queued: s.flow.queue.length,
    };
    if (s.connId !== undefined) row.connId = s.connId;
    return row;
  });
  const retained = [...state.retained.values()].map((m) => ({ topic: m.topic, qos: m.qos, payloadBytes: m.payload.length }));
  return { sessions, retained, connections: state.connections.size };
}
