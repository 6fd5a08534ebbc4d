/**
 * The trace: the append-only record of one simulated run, and the single source of truth
 * for every view (diagram, inspector, state tables, narration, outcome verdict).
 *
 * Rules this file keeps:
 * - Events are plain data (structuredClone-able) and carry no prose: each has a message
 *   `key` and `params`; English and Chinese live in the catalog, src/i18n.
 * - `index` is the event's position in the trace; `tMs` is virtual time.
 * - A packet on the wire is identified by `wireId` from `packetSent` to its
 *   `packetDelivered` or `packetDropped`.
 */
import type { Millis, Packet, PacketType, QoS } from '../mqtt/types';

/** 'publisher', 'broker', 'subscriber'; further clients are numbered: 'publisher2', 'subscriber3'. */
export type ParticipantId = string;

import type { Params } from '../mqtt/types';
export type { ParamValue, Params } from '../mqtt/types';

interface EventBase {
  index: number;
  tMs: Millis;
  /** Narration key, e.g. 'packet.sent.PUBREC' or 'rule.MQTT-4.3.3-2'. */
  key: string;
  params: Params;
}

/** The application of a client asks to publish message `publicationNo`. */
export interface AppPublishEvent extends EventBase {
  kind: 'appPublish';
  client: ParticipantId;
  publicationNo: number;
  topic: string;
  payloadText: string;
  qos: QoS;
  retain: boolean;
}

/** What the outcome needs of a publication: an 'outcome' recording keeps these instead of the events. */
export type Publication = Pick<AppPublishEvent, 'client' | 'publicationNo' | 'topic' | 'qos' | 'retain' | 'tMs'>;

export interface PacketSentEvent extends EventBase {
  kind: 'packetSent';
  wireId: number;
  from: ParticipantId;
  to: ParticipantId;
  packet: Packet;
  /** The exact bytes the codec produced; what the inspector shows. */
  bytes: Uint8Array;
  /** A re-send of something sent before: PUBLISH with DUP=1, or a repeated PUBREL. */
  retransmission: boolean;
}

export interface PacketDeliveredEvent extends EventBase {
  kind: 'packetDelivered';
  wireId: number;
  from: ParticipantId;
  to: ParticipantId;
  type: PacketType;
}

export type DropCause = 'rule' | 'loss' | 'intervention' | 'connectionBroken';

export interface PacketDroppedEvent extends EventBase {
  kind: 'packetDropped';
  wireId: number;
  from: ParticipantId;
  to: ParticipantId;
  type: PacketType;
  cause: DropCause;
}

export type ConnectionLossCause = 'drop' | 'keepAlive' | 'reset' | 'protocolError' | 'takeover' | 'offline' | 'brokerRestart';

export interface ConnectionLostEvent extends EventBase {
  kind: 'connectionLost';
  /** The client whose connection to the broker broke. */
  client: ParticipantId;
  cause: ConnectionLossCause;
}

export interface ConnectionRestoredEvent extends EventBase {
  kind: 'connectionRestored';
  client: ParticipantId;
  sessionPresent: boolean;
}

/**
 * A message given up for good, or a subscription that ended, as the run saw it happen: what a
 * lost delivery's reason is read from (outcome.ts). Kept beside the trace (LabRun.losses), in
 * 'full' and 'outcome' recordings alike; `event` points into the trace ('full' only).
 */
/**
 * MQTT 5.0's own ways to lose a message: it outlived its Message Expiry Interval, its session
 * outlived its Session Expiry Interval, the server had no session on reconnect, it was larger
 * than the receiver's Maximum Packet Size, or the broker refused it (PUBACK / PUBREC 0x80+).
 */
export type MqttV5LossReason = 'messageExpired' | 'sessionExpired' | 'sessionNotPresent' | 'tooLarge' | 'publishRefused';

export interface LossFact {
  reason: 'qos0' | 'cleanSession' | 'brokerRestart' | 'queueFull' | MqttV5LossReason;
  /** the publication lost; absent: `client`'s subscriptions ended (it gets nothing until it subscribes again) */
  publicationNo?: number;
  /** the subscriber that lost it; absent: every subscriber */
  client?: ParticipantId;
  tMs: Millis;
  /** the trace event that shows it happen (the drop, the engine's decision), in a 'full' recording */
  event?: number;
}

/**
 * The broker's retained message for a topic changed at `tMs` to publication `publicationNo` (-1: none
 * any more, a restart without persistence). A late subscriber is owed the one it held when it
 * processed the SUBSCRIBE (MQTT-3.3.1-6): the last to reach the broker, not the last published.
 */
export interface RetainedFact {
  topic: string;
  publicationNo: number;
  tMs: Millis;
}

/** The application of a subscriber receives a message (the engine's `deliver` output). */
export interface AppDeliverEvent extends EventBase {
  kind: 'appDeliver';
  client: ParticipantId;
  /** The published message this is, or -1 when it matches none (should not happen). */
  publicationNo: number;
  topic: string;
  payloadText: string;
  qos: QoS;
  retain: boolean;
  /** 1 for the first delivery of this message to this client, 2 for a duplicate, ... */
  deliveryNo: number;
  /** a will message (publicationNo -1): the broker published it for a client that vanished */
  will?: boolean;
}

/** An engine decision worth teaching, from the engine's `ruleApplied` outputs. */
export interface DecisionEvent extends EventBase {
  kind: 'decision';
  actor: ParticipantId;
  rule: string;
}

export interface TimerEvent extends EventBase {
  kind: 'timer';
  actor: ParticipantId;
}

export interface NoteEvent extends EventBase {
  kind: 'note';
  actor?: ParticipantId;
}

export type TraceEvent =
  | AppPublishEvent | PacketSentEvent | PacketDeliveredEvent | PacketDroppedEvent
  | ConnectionLostEvent | ConnectionRestoredEvent | AppDeliverEvent
  | DecisionEvent | TimerEvent | NoteEvent;

export type TraceEventKind = TraceEvent['kind'];

/** Who takes part, in diagram order: publishers, the broker, subscribers. */
export interface ParticipantInfo {
  id: ParticipantId;
  role: 'publisher' | 'broker' | 'subscriber';
  /** Publish QoS for a publisher, requested subscription QoS for a subscriber. */
  qos?: QoS;
  cleanSession?: boolean;
  clientId?: string;
}

export interface Trace {
  participants: ParticipantInfo[];
  events: TraceEvent[];
}

/** PUBLISH and its acknowledgements, what "packets per message" counts (a switch: the world asks for every packet). */
export function isFlowPacket(type: string): boolean {
  switch (type) {
    case 'PUBLISH': case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP': return true;
    default: return false;
  }
}
