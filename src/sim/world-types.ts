/**
 * The world's state as one plain object, so a checkpoint is a structuredClone and a replay
 * from it is exact. Nothing here holds functions or class instances.
 */
import type { BrokerState } from '../mqtt/broker';
import type { ClientState } from '../mqtt/client';
import type { Packet } from '../mqtt/types';
import type { QueueEntry } from './event-queue';
import type { ConnectionLossCause, DropCause, ParticipantId } from './trace';

export type Item =
  | { kind: 'arrive'; atMs: number; seq: number; wireId: number }
  | { kind: 'wake'; atMs: number; seq: number; actor: ParticipantId }
  | { kind: 'connect'; atMs: number; seq: number; client: ParticipantId }
  | { kind: 'publish'; atMs: number; seq: number; client: ParticipantId; n: number }
  | { kind: 'notice'; atMs: number; seq: number; side: 'client' | 'broker'; connId: string; cause: ConnectionLossCause }
  | { kind: 'fault'; atMs: number; seq: number; fault: number };

/** An item as scheduled, before the queue gives it its sequence number. */
export type NewItem = Item extends infer I ? (I extends Item ? Omit<I, 'seq'> : never) : never;

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
  /** by connection id, in opening order */
  conns: Map<string, Conn>;
  /** by wireId, in send order */
  wires: Map<number, Wire>;
  inFlight: number;
  /**
   * packets sent so far, by `TYPE` and by `TYPE@from>to`, for nth-packet drop rules; only the
   * types some drop rule of the scenario names are counted (no other count is ever read)
   */
  sentCount: Record<string, number>;
  /** packets sent on all links, and the PUBLISH / PUBACK / PUBREC / PUBREL / PUBCOMP among them */
  packetsSent: number;
  flowPacketsSent: number;
  /** `client|messageId` -> deliveries so far */
  deliveries: Map<string, number>;
  /** `topic\u0000payload` -> messageId */
  messageIds: Map<string, number>;
  nextMessageId: number;
  publishingStarted: boolean;
  processed: number;
}
