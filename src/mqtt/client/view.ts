/**
 * A read-only summary of a client session for the lab's state tables. Pure; copies, never
 * exposes the state's own arrays.
 */
import type { Subscription } from '../types';
import { inflightTables, type InflightTables } from '../session/tables';
import type { ClientState, ClientStatus } from './types';

/** A client session: outbound tables toward the broker, awaitingPubrel for QoS 2 from it. */
export interface ClientView extends InflightTables {
  clientId: string;
  status: ClientStatus;
  connected: boolean;
  sessionPresent: boolean;
  cleanSession: boolean;
  subscriptions: Subscription[];
}

export function clientView(state: ClientState): ClientView {
  return {
    clientId: state.options.clientId,
    status: state.status,
    connected: state.status === 'connected',
    sessionPresent: state.sessionPresent,
    cleanSession: state.options.cleanSession,
    subscriptions: state.subscriptions.map((s) => ({ ...s })),
    ...inflightTables(state.flow, state.awaitingPubrel),
  };
}
