/**
 * The world's state as one plain object, so a checkpoint is a structuredClone and a replay
 * from it is exact. Nothing here holds functions or class instances.
 */
import type { BrokerState } from '../mqtt/broker';
import type { ClientState } from '../mqtt/client';
import type { Packet } from '../mqtt/types';
import type { QueueEntry } from './event-queue';
import type { ConnectionLossCause, DropCause, ParticipantId } from './trace';

/** A scheduled item; its sequence number (the tie-break for equal times) lives in its queue entry. */
export type Item =
  | { kind: 'arrive'; atMs: number; wireId: number }
  | { kind: 'wake'; atMs: number; actor: ParticipantId }
  | { kind: 'connect'; atMs: number; client: ParticipantId }
  | { kind: 'publish'; atMs: number; client: ParticipantId; n: number }
  | { kind: 'notice'; atMs: number; side: 'client' | 'broker'; connId: string; cause: ConnectionLossCause }
  | { kind: 'fault'; atMs: number; fault: number };

export interface Wire {
  wireId: number;
  connId: string;
  from: ParticipantId;
  to: ParticipantId;
  packet: Packet;
  bytes: Uint8Array;
  doomed?: DropCause;
}

export interface Conn {
  id: string;
  client: ParticipantId;
  /** healthy: packets sent on it arrive */
  open: boolean;
  /** broken without a reset: packets vanish, only keep-alive notices (link.detect = 'keepAlive') */
  blackhole: boolean;
  clientGone: boolean;
  brokerGone: boolean;
  /** last arrival time per direction, so a connection stays in order like TCP */
  lastUpMs: number;
  lastDownMs: number;
}

export interface ClientRuntime {
  name: ParticipantId;
  role: 'publisher' | 'subscriber';
  index: number;
  engine: ClientState;
  connId?: string;
  connections: number;
  offlineUntilMs: number;
  /** a SUBACK has arrived (subscribers) */
  ready: boolean;
  wakeAtMs?: number;
  /** the application gave up (refused) or disconnected on purpose */
  stopped: boolean;
}

export interface WorldState {
  nowMs: number;
  seq: number;
  nextWireId: number;
  rng: number[];
  queue: QueueEntry<Item>[];
  /** queue items other than wake-ups: work the run must still do */
  pendingWork: number;
  broker: BrokerState;
  brokerWakeAtMs?: number;
  clients: Record<ParticipantId, ClientRuntime>;
  /** by connection id, in opening order; a connection nothing can reach any more is forgotten (world-links.ts) */
  conns: Map<string, Conn>;
  /**
   * packets on the wire, in send order (wireId ascending); few at a time, and the one arriving
   * is almost always the first, so an array beats a Map that churns with every packet
   */
  wires: Wire[];
  inFlight: number;
  /**
   * packets sent so far, by `TYPE` and by `TYPE@from>to`, for nth-packet drop rules; only the
   * types some drop rule of the scenario names are counted (no other count is ever read)
   */
  sentCount: Record<string, number>;
  /** packets sent on all links, and the PUBLISH / PUBACK / PUBREC / PUBREL / PUBCOMP among them */
  packetsSent: number;
  flowPacketsSent: number;
  /** client -> messageId -> deliveries so far */
  deliveries: Map<string, Map<number, number>>;
  /** topic -> payload text -> messageId (the latest message published with that topic and payload) */
  messageIds: Map<string, Map<string, number>>;
  nextMessageId: number;
  publishingStarted: boolean;
  processed: number;
}
