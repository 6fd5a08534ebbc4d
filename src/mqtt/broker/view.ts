/**
 * A read-only summary of the broker for the lab's state tables: one row per session, one per
 * retained message. Pure; copies, never exposes the state's own arrays.
 */
import type { QoS, Subscription } from '../types';
import { inflightTables, type InflightTables } from '../session/tables';
import type { BrokerState, ConnId } from './types';

/** A broker session: outbound tables toward its client, awaitingPubrel for QoS 2 from it. */
export interface BrokerSessionView extends InflightTables {
  clientId: string;
  connected: boolean;
  connId?: ConnId;
  cleanSession: boolean;
  subscriptions: Subscription[];
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
      ...inflightTables(s.flow, s.awaitingPubrel.map((a) => a.packetId)),
    };
    if (s.connId !== undefined) row.connId = s.connId;
    return row;
  });
  const retained = [...state.retained.values()].map((m) => ({ topic: m.topic, qos: m.qos, payloadBytes: m.payload.length }));
  return { sessions, retained, connections: state.connections.size };
}
