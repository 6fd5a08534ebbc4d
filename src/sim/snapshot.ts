/**
 * The state tables at a point of a run: each client's and each broker session's packet ids
 * awaiting PUBACK / PUBREC / PUBCOMP / PUBREL and queued messages, plus retained messages.
 */
import { brokerView } from '../mqtt/broker';
import { clientView } from '../mqtt/client';
import type { InflightTables } from '../mqtt/session/tables';
import type { LabRun } from './lab';
import { worldAt } from './lab';

export interface SessionTable extends InflightTables {
  /** participant name for clients ('subscriber'), client id for broker sessions */
  id: string;
  connected: boolean;
  sessionPresent?: boolean;
  cleanSession?: boolean;
}

export interface LabSnapshot {
  index: number;
  tMs: number;
  clients: SessionTable[];
  broker: { sessions: SessionTable[]; retained: { topic: string; payloadBytes: number }[] };
}

/** Just the tables of a view (not its subscriptions or status). */
function tables(v: InflightTables): InflightTables {
  const { awaitingPuback, awaitingPubrec, awaitingPubcomp, awaitingPubrel, queued } = v;
  return { awaitingPuback, awaitingPubrec, awaitingPubcomp, awaitingPubrel, queued };
}

export function snapshotAt(run: LabRun, index: number): LabSnapshot {
  const world = worldAt(run, index);
  const state = world.state;
  const clients = Object.values(state.clients).map((c) => {
    const v = clientView(c.engine);
    return { id: c.name, connected: v.connected, sessionPresent: v.sessionPresent, cleanSession: v.cleanSession, ...tables(v) };
  });
  const b = brokerView(state.broker);
  return {
    index,
    tMs: index >= 0 ? run.trace.events[Math.min(index, run.trace.events.length - 1)]?.tMs ?? 0 : 0,
    clients,
    broker: {
      sessions: b.sessions.map((v) => ({ id: v.clientId, connected: v.connected, cleanSession: v.cleanSession, ...tables(v) })),
      retained: b.retained.map((r) => ({ topic: r.topic, payloadBytes: r.payloadBytes })),
    },
  };
}
