/**
 * The world's state as one plain object, so a checkpoint is a structuredClone and a replay
 * from it is exact. Nothing here holds functions or class instances. Some objects are referenced
 * twice (an engine's queued wake-up from its runtime, a connection from the packets on it):
 * structuredClone keeps that sharing.
 */
import type { BrokerInput, BrokerState } from '../mqtt/broker';
import type { ClientInput, ClientState } from '../mqtt/client';
import type { Packet } from '../mqtt/types';
import type { QueueEntry, QueueState } from './event-queue';
import type { ConnectionLossCause, DropCause, LossFact, ParticipantId, Publication, RetainedFact, Trace, TraceEvent, TraceEventKind } from './trace';
import type { DropRule, Scenario } from './scenario';

/** A scheduled item; its sequence number (the tie-break for equal times) lives in its queue entry. */
export type ScheduledItem =
  | PacketInFlight
  | { kind: 'wake'; atMs: number; actor: ParticipantId }
  | { kind: 'connect'; atMs: number; client: ParticipantId }
  | { kind: 'publish'; atMs: number; client: ParticipantId; n: number }
  | { kind: 'notice'; atMs: number; side: 'client' | 'broker'; connId: string; cause: ConnectionLossCause }
  | { kind: 'fault'; atMs: number; fault: number };

/**
 * A packet on the wire, queued to arrive at `atMs`: the queue is the one place packets in flight
 * are kept. Whether it reaches its receiver is settled on arrival (world-links.ts).
 */
export interface PacketInFlight {
  kind: 'arrive';
  atMs: number;
  wireId: number;
  /** the connection it travels on (the same object as in `WorldState.conns`) */
  conn: Conn;
  from: ParticipantId;
  to: ParticipantId;
  packet: Packet;
  bytes: Uint8Array;
  /** lost whatever happens next (a drop rule, random loss, a connection already broken when sent) */
  doomed?: DropCause;
}

export interface Conn {
  id: string;
  /** the client at the far end (the same object as in `WorldState.clients`) */
  client: ClientRuntime;
  /** healthy: packets sent on it arrive */
  open: boolean;
  /** broken without a reset: packets vanish, only keep-alive notices (link.detect = 'keepAlive') */
  blackhole: boolean;
  clientGone: boolean;
  brokerGone: boolean;
  /** last arrival time per direction, so a connection stays in order like TCP */
  lastUpMs: number;
  lastDownMs: number;
  /** packets sent on it that have not arrived yet */
  inFlight: number;
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
  /** the engine's wake-up, while one is queued (the same entry as in `WorldState.queue`: moved, never duplicated) */
  wake?: QueueEntry<ScheduledItem>;
  /** the application gave up (refused) or disconnected on purpose */
  stopped: boolean;
  /** the current (or last) connection got an accepted CONNACK */
  accepted: boolean;
  /** connection attempts in a row that broke before their CONNACK: the reconnect back-off's exponent */
  failedAttempts: number;
}

export interface WorldState {
  nowMs: number;
  seq: number;
  nextWireId: number;
  rng: number[];
  /**
   * A second seeded stream, for the jitter of reconnect back-off alone: waiting longer must not
   * shift which packets the link loses (each packet's draw comes from `rng`, in send order).
   */
  jitterRng: number[];
  queue: QueueState<ScheduledItem>;
  /** queue items other than wake-ups: work the run must still do */
  pendingWork: number;
  broker: BrokerState;
  brokerWake?: QueueEntry<ScheduledItem>;
  clients: Record<ParticipantId, ClientRuntime>;
  /**
   * in opening order; a connection nothing can reach any more is forgotten (world-links.ts), so
   * only a few are here at a time: an array searched by id beats a Map that churns with every
   * reconnect (`findConn`)
   */
  conns: Conn[];
  /** packets on the wire (each is a queued 'arrive' item) */
  inFlight: number;
  /**
   * packets sent so far, by `TYPE` and by `TYPE@from>to`, for nth-packet drop rules; only the
   * types some drop rule of the scenario names are counted (no other count is ever read)
   */
  sentCount: Record<string, number>;
  /** packets sent on all links, and the PUBLISH / PUBACK / PUBREC / PUBREL / PUBCOMP among them */
  packetsSent: number;
  flowPacketsSent: number;
  /** packets lost on the wire, whatever the cause */
  packetsDropped: number;
  /**
   * 'outcome' recording only: the publications so far, in order (a 'full' recording has them
   * in the trace). With `deliveries`, all the outcome needs besides the subscriptions.
   */
  published?: Publication[];
  /** client -> deliveries so far by publicationNo (index 0: messages no publication names) */
  deliveries: Map<string, number[]>;
  /** client -> deliveries with RETAIN=1 by publicationNo: copies sent for a new subscription (MQTT-3.3.1-8), a subset of `deliveries` */
  retainedDeliveries: Map<string, number[]>;
  /** deliveries that are no publication: wills, and anything else (there should be none) */
  otherDeliveries: { will: number; unmatched: number };
  /**
   * publisher index -> publication number n -> publicationNo of that publisher's latest publication
   * numbered n (see `World.publicationNoOf`)
   */
  publicationNos: number[][];
  /** messages given up for good and subscriptions that ended, as they happened (the outcome's loss reasons) */
  losses: LossFact[];
  /** each change of the broker's retained message for the scenario's topic (scenarios with retain only) */
  retainedStored: RetainedFact[];
  nextPublicationNo: number;
  publishingStarted: boolean;
}

/** A trace event as the world hands it to `emit`, which adds `index` and `tMs`. */
export type NewEvent = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'index' | 'tMs'> : never) : never;

/** A seeded stream of chance: uniform in [0, 1). */
export interface Chance { next(): number }

/**
 * What the world's helpers (world-links, world-engines, world-app) may use of the world: its
 * scenario, state and trace, chance, and the few actions they take. `World` implements it; the
 * helpers import this type, not the class, so the world and its helpers do not import each other.
 */
export interface WorldContext {
  readonly scenario: Scenario;
  readonly trace: Trace;
  readonly state: WorldState;
  /** every happening is recorded ('full'), not only what the outcome needs */
  readonly full: boolean;
  readonly rng: Chance;
  readonly jitterRng: Chance;
  /** the scenario's drop rules by packet type */
  readonly dropRules: ReadonlyMap<string, readonly DropRule[]>;
  keeps(kind: TraceEventKind, packetType?: string): boolean;
  emit(e: NewEvent): void;
  schedule(item: Exclude<ScheduledItem, { kind: 'wake' }>): void;
  client(name: string): ClientRuntime;
  stepBroker(input: BrokerInput): void;
  stepClient(c: ClientRuntime, input: ClientInput): void;
  publicationNoOf(topic: string, payload: Uint8Array): number;
}
