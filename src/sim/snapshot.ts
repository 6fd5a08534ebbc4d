/**
 * The state tables at a point of a run: each client's and each broker session's packet ids
 * awaiting PUBACK / PUBREC / PUBCOMP / PUBREL and queued messages, plus retained messages.
 */
import { brokerView } from '../mqtt/broker';
import { clientView } from '../mqtt/client';
import type { LabRun } from './lab';
import { worldAt } from './lab';

export interface SessionTable {
  /** participant name for clients ('subscriber'), client id for broker sessions */
  id: string;
  connected: boolean;
  sessionPresent?: boolean;
  cleanSession?: boolean;
  awaitingPuback: number[];
  awaitingPubrec: number[];
  awaitingPubcomp: number[];
  awaitingPubrel: number[];
  queued: number;
}

export interface LabSnapshot {
  index: number;
  tMs: number;
  clients: SessionTable[];
  broker: { sessions: SessionTable[]; retained: { topic: string; payloadBytes: number }[] };
}

export function snapshotAt(run: LabRun, index: number): LabSnapshot {
  const world = worldAt(run, index);
  const s = world.s;
  const clients = Object.values(s.clients).map((c) => {
    const v = clientView(c.engine);
    return { id: c.name, connected: v.connected, sessionPresent: v.sessionPresent, cleanSession: v.cleanSession,
      awaitingPuback: v.awaitingPuback, awaitingPubrec: v.awaitingPubrec, awaitingPubcomp: v.awaitingPubcomp,
      awaitingPubrel: v.awaitingPubrel, queued: v.queued };
  });
  const b = brokerView(s.broker);
  return {
    index,
    tMs: index >= 0 ? run.trace.events[Math.min(index, run.trace.events.length - 1)]?.tMs ?? 0 : 0,
    clients,
    broker: {
      sessions: b.sessions.map((v) => ({ id: v.clientId, connected: v.connected, cleanSession: v.cleanSession,
        awaitingPuback: v.awaitingPuback, awaitingPubrec: v.awaitingPubrec, awaitingPubcomp: v.awaitingPubcomp,
        awaitingPubrel: v.awaitingPubrel, queued: v.queued })),
      retained: b.retained.map((r) => ({ topic: r.topic, payloadBytes: r.payloadBytes })),
    },
  };
}
