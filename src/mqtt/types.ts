/**
 * The MQTT 3.1.1 control packets as plain data, named as the specification names them.
 *
 * Rules this file keeps:
 * - One discriminated union, `Packet`, tagged by the spec's packet names (`'PUBREC'`), which
 *   are also the strings the diagram and the inspector show.
 * - Plain, structuredClone-able data only (no classes, no Node `Buffer`): the simulator
 *   checkpoints it, the worker posts it, tests compare it.
 * Design: MQTT 5.0 can be added later by giving packets an optional `properties` field and
 *   widening the return-code unions into reason codes; nothing here assumes their absence.
 */

/** Quality of Service level (MQTT-4.3). */
export type QoS = 0 | 1 | 2;

/**
 * Packet identifier, 1..65535 (MQTT-2.3.1-1: never 0), branded like `Millis` so that a count,
 * an index or a 0 cannot pass for one. Values come from the decoder, which checks them, from
 * the senders' allocation, or from `asPacketId`.
 */
export type PacketId = number & { readonly __brand: 'PacketId' };

/** Milliseconds of virtual (simulated) or real time, as the host supplies it. */
export type Millis = number & { readonly __brand: 'Millis' };

/** A number of milliseconds as a point in time (where a host hands one in, or a sum makes one). */
export function millis(n: number): Millis {
  return n as Millis;
}

/**
 * A number as a packet identifier. The caller vouches for the range (the senders' allocation,
 * tests, hand-built packets); bytes from the wire go through the decoder instead, which
 * refuses 0 (MQTT-2.3.1-1).
 */
export function asPacketId(n: number): PacketId {
  return n as PacketId;
}

export type PacketType =
  | 'CONNECT' | 'CONNACK' | 'PUBLISH' | 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP'
  | 'SUBSCRIBE' | 'SUBACK' | 'UNSUBSCRIBE' | 'UNSUBACK' | 'PINGREQ' | 'PINGRESP' | 'DISCONNECT';

/** Control packet type numbers of the fixed header's high nibble (MQTT 2.2.1). */
export const PACKET_TYPE_CODE: Readonly<Record<PacketType, number>> = {
  CONNECT: 1, CONNACK: 2, PUBLISH: 3, PUBACK: 4, PUBREC: 5, PUBREL: 6, PUBCOMP: 7,
  SUBSCRIBE: 8, SUBACK: 9, UNSUBSCRIBE: 10, UNSUBACK: 11, PINGREQ: 12, PINGRESP: 13, DISCONNECT: 14,
};

export interface Will {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
}

export interface ConnectPacket {
  type: 'CONNECT';
  /** 'MQTT' for 3.1.1 (MQTT-3.1.2-1). */
  protocolName: string;
  /** 4 for 3.1.1. A broker answers any other level with CONNACK return code 1 (MQTT-3.1.2-2). */
  protocolLevel: number;
  clientId: string;
  cleanSession: boolean;
  keepAliveSec: number;
  will?: Will;
  username?: string;
  password?: Uint8Array;
}

/** CONNACK return codes (MQTT 3.2.2.3): 0 accepted, 1 bad protocol level, 2 identifier
 * rejected, 3 server unavailable, 4 bad user name or password, 5 not authorized. */
export type ConnackReturnCode = 0 | 1 | 2 | 3 | 4 | 5;

export interface ConnackPacket {
  type: 'CONNACK';
  sessionPresent: boolean;
  returnCode: ConnackReturnCode;
}

export interface PublishPacket {
  type: 'PUBLISH';
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  dup: boolean;
  retain: boolean;
  /** Present exactly when qos > 0 (MQTT-2.3.1-5). */
  packetId?: PacketId;
}

export type AckType = 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP' | 'UNSUBACK';

export interface AckPacket<T extends AckType = AckType> {
  type: T;
  packetId: PacketId;
}
export type PubackPacket = AckPacket<'PUBACK'>;
export type PubrecPacket = AckPacket<'PUBREC'>;
export type PubrelPacket = AckPacket<'PUBREL'>;
export type PubcompPacket = AckPacket<'PUBCOMP'>;
export type UnsubackPacket = AckPacket<'UNSUBACK'>;

export interface Subscription {
  topicFilter: string;
  qos: QoS;
}

export interface SubscribePacket {
  type: 'SUBSCRIBE';
  packetId: PacketId;
  subscriptions: Subscription[];
}

/** SUBACK return code per filter: the granted QoS, or 0x80 for failure (MQTT 3.9.3). */
export type SubackReturnCode = QoS | 0x80;

export interface SubackPacket {
  type: 'SUBACK';
  packetId: PacketId;
  returnCodes: SubackReturnCode[];
}

export interface UnsubscribePacket {
  type: 'UNSUBSCRIBE';
  packetId: PacketId;
  topicFilters: string[];
}

export interface PingreqPacket { type: 'PINGREQ' }
export interface PingrespPacket { type: 'PINGRESP' }
export interface DisconnectPacket { type: 'DISCONNECT' }

export type Packet =
  | ConnectPacket | ConnackPacket | PublishPacket
  | PubackPacket | PubrecPacket | PubrelPacket | PubcompPacket
  | SubscribePacket | SubackPacket | UnsubscribePacket | UnsubackPacket
  | PingreqPacket | PingrespPacket | DisconnectPacket;

/** A message as an application publishes or receives it. */
export interface AppMessage {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
}

/**
 * The values that explain a decision or an event: what engines put in `ruleApplied`, the trace
 * in its events and the narration in its sentences. One record for every layer.
 */
export type ParamValue = string | number | boolean;
export type Params = Record<string, ParamValue>;
