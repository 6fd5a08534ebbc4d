/**
 * The QoS 1 / QoS 2 sender (MQTT 3.1.1 section 4.3, Figures 4.2 and 4.3, sender side), with
 * packet identifier allocation, an in-flight window and a queue behind it.
 *
 * Shared by the client session and by the broker's outbound side of each session: both are
 * "senders" in the spec's sense (MQTT-2.3.1-4: the same rules apply to a Server).
 *
 * Rules this file keeps:
 * - A new message gets a currently unused packetId, 1..65535, wrapping (MQTT-2.3.1-2).
 * - A PUBLISH stays unacknowledged until PUBACK (QoS 1) or PUBREC (QoS 2); then PUBREL stays
 *   unacknowledged until PUBCOMP, and the PUBLISH is never sent again (MQTT-4.3.2-1, MQTT-4.3.3-1).
 * - Re-sends keep the original packetId (MQTT-2.3.1-3) and the original order (MQTT-4.6.0-1);
 *   a re-sent PUBLISH has DUP=1 (MQTT-3.3.1-1).
 * - PUBRELs go out in the order their PUBRECs arrived (MQTT-4.6.0-4): we answer each at once.
 * Plain data only; the caller turns `FlowEvent`s into its own outputs.
 *
 * MQTT 5.0, for both roles (the caller says the version in `AckFacts`):
 * - The window the caller passes is the peer's Receive Maximum (min with its own limit):
 *   MQTT-3.3.4-7 for a client, MQTT-3.3.4-9 for a server.
 * - A PUBACK or PUBREC with a Reason Code of 0x80 or more ends the exchange: the message counts
 *   as acknowledged, is never re-sent, its packetId is free, and no PUBREL follows a failed
 *   PUBREC (MQTT-4.4.0-2, MQTT-4.3.3-4). The caller gets a 'failed' event to report.
 * - PUBCOMP 0x92 (Packet Identifier not found) still completes the exchange ('notFound', then
 *   'complete'); a PUBREC for an id we do not hold is answered PUBREL 0x92 so that the receiver
 *   can free it (Table 3-6).
 * - Re-sending happens only on reconnect with a session (`resendAll`); `resendExpired` is the
 *   3.1.1 lab's legacy mode and MQTT-4.4.0-1 of 5.0 forbids it: callers use it for version 4 only.
 * - `publishPacket` copies the message's 5.0 properties as they are: a 3.1.1 peer's messages
 *   carry none (the caller strips them), and a client never offers Subscription Identifiers.
 */
import {
  asPacketId, millis, type AppMessage, type Millis, type PacketId, type Packet, type ProtocolVersion, type PublishPacket,
} from '../types';
import { invariant } from '../errors';

/** What an in-flight message waits for next. */
export type AwaitedAck = 'PUBACK' | 'PUBREC' | 'PUBCOMP';

export interface InflightMessage {
  packetId: PacketId;
  message: AppMessage;
  awaiting: AwaitedAck;
  /** When the PUBLISH (or, once awaiting PUBCOMP, the PUBREL) was last sent. */
  sentAtMs: Millis;
}

export interface OutboundFlow {
  /** Where the search for the next free packetId starts. */
  nextPacketId: PacketId;
  /** In original send order (MQTT-4.6.0-1). */
  inflight: InflightMessage[];
  /** QoS 1/2 messages waiting for room in the window (or for a connection). */
  queue: AppMessage[];
}

export type FlowEvent =
  | { kind: 'send'; packet: Packet; retransmission: boolean }
  | { kind: 'complete'; packetId: PacketId; message: AppMessage }
  | { kind: 'queued'; queued: number }
  | { kind: 'unknownAck'; packetType: 'PUBACK' | 'PUBREC' | 'PUBCOMP'; packetId: PacketId }
  /** 5.0: PUBACK / PUBREC with a Reason Code >= 0x80: the receiver refused the message; the exchange is over. */
  | { kind: 'failed'; packetType: 'PUBACK' | 'PUBREC'; packetId: PacketId; message: AppMessage; reasonCode: number }
  /** 5.0: PUBCOMP 0x92: the receiver no longer knew the id; the exchange is over all the same. */
  | { kind: 'notFound'; packetType: 'PUBCOMP'; packetId: PacketId };

/** What an acknowledgement said besides its packetId (5.0). Absent: a 3.1.1 ack. */
export interface AckFacts {
  version?: ProtocolVersion;
  /** Absent = 0x00 Success. */
  reasonCode?: number;
}

/** The 5.0 Reason Code that says the Packet Identifier was not known (PUBREL, PUBCOMP). */
export const PACKET_ID_NOT_FOUND = 0x92;

export const MAX_PACKET_ID = 65535;

export function createFlow(): OutboundFlow {
  return { nextPacketId: asPacketId(1), inflight: [], queue: [] };
}

/** MQTT-2.3.1-2: a currently unused packetId; `inUse` adds ids held elsewhere (SUBSCRIBE). */
export function allocatePacketId(flow: OutboundFlow, inUse?: (packetId: PacketId) => boolean): PacketId {
  for (let tries = 0; tries < MAX_PACKET_ID; tries++) {
    const candidate = flow.nextPacketId;
    flow.nextPacketId = asPacketId(candidate >= MAX_PACKET_ID ? 1 : candidate + 1);
    if (inUse?.(candidate) !== true && !flow.inflight.some((m) => m.packetId === candidate)) return candidate;
  }
  invariant(false, 'all 65535 packet identifiers are in use');
}

export function publishPacket(entry: InflightMessage, dup: boolean): PublishPacket {
  const { topic, payload, qos, retain, properties } = entry.message;
  const packet: PublishPacket = { type: 'PUBLISH', topic, payload, qos, retain, dup, packetId: entry.packetId };
  if (properties !== undefined) packet.properties = properties;
  return packet;
}

function sendNew(flow: OutboundFlow, message: AppMessage, nowMs: Millis, inUse?: (id: PacketId) => boolean): FlowEvent {
  const packetId = allocatePacketId(flow, inUse);
  const entry: InflightMessage = { packetId, message, awaiting: message.qos === 1 ? 'PUBACK' : 'PUBREC', sentAtMs: nowMs };
  flow.inflight.push(entry);
  // MQTT-4.3.2-1 / MQTT-4.3.3-1: first transmission has DUP=0.
  return { kind: 'send', packet: publishPacket(entry, false), retransmission: false };
}

/**
 * Offers a QoS 1/2 message while connected: sent at once if the window has room and nothing
 * waits ahead of it (order is kept), else queued.
 */
export function offer(flow: OutboundFlow, message: AppMessage, nowMs: Millis, maxInflight: number,
  inUse?: (id: PacketId) => boolean): FlowEvent {
  invariant(message.qos > 0, 'only QoS 1/2 messages enter the sender flow');
  if (flow.queue.length === 0 && flow.inflight.length < maxInflight) return sendNew(flow, message, nowMs, inUse);
  flow.queue.push(message);
  return { kind: 'queued', queued: flow.queue.length };
}

/** Moves queued messages into the window while there is room. */
export function fillWindow(flow: OutboundFlow, nowMs: Millis, maxInflight: number,
  inUse?: (id: PacketId) => boolean): FlowEvent[] {
  const events: FlowEvent[] = [];
  while (flow.queue.length > 0 && flow.inflight.length < maxInflight) {
    const message = flow.queue.shift() as AppMessage;
    events.push(sendNew(flow, message, nowMs, inUse));
  }
  return events;
}

function pubrel(packetId: PacketId, retransmission: boolean): FlowEvent {
  return { kind: 'send', packet: { type: 'PUBREL', packetId }, retransmission };
}

function removeAt(flow: OutboundFlow, index: number): void {
  // shift(): acks mostly arrive in send order (see PERFORMANCE.md).
  if (index === 0) flow.inflight.shift();
  else flow.inflight.splice(index, 1);
}

/** Handles PUBACK, PUBREC or PUBCOMP received for our outbound messages. */
export function handleAck(flow: OutboundFlow, type: 'PUBACK' | 'PUBREC' | 'PUBCOMP', packetId: PacketId,
  nowMs: Millis, facts?: AckFacts): FlowEvent[] {
  const index = flow.inflight.findIndex((m) => m.packetId === packetId);
  const entry = flow.inflight[index];
  const v5 = facts?.version === 5;
  if (entry === undefined) {
    // 5.0 (Table 3-6): a PUBREC for an id we do not hold gets PUBREL 0x92, so the receiver frees it.
    if (v5 && type === 'PUBREC' && (facts.reasonCode ?? 0) < 0x80) {
      return [{ kind: 'unknownAck', packetType: type, packetId },
        { kind: 'send', packet: { type: 'PUBREL', packetId, reasonCode: PACKET_ID_NOT_FOUND }, retransmission: false }];
    }
    return [{ kind: 'unknownAck', packetType: type, packetId }];
  }
  const reasonCode = facts?.reasonCode ?? 0;
  if (v5 && reasonCode >= 0x80 && type !== 'PUBCOMP' && entry.awaiting === type) {
    // MQTT-4.4.0-2: treated as acknowledged, never re-sent; MQTT-4.3.3-4: no PUBREL after a failed PUBREC.
    removeAt(flow, index);
    return [{ kind: 'failed', packetType: type, packetId, message: entry.message, reasonCode }];
  }
  if (type === 'PUBREC') {
    // A repeated PUBREC (our PUBREL was lost with a connection) is answered with PUBREL again.
    if (entry.awaiting === 'PUBCOMP') return [pubrel(packetId, true)];
    if (entry.awaiting !== 'PUBREC') return [{ kind: 'unknownAck', packetType: type, packetId }];
    // MQTT-4.3.3-1: PUBREC received -> send PUBREL with the same packetId, never the PUBLISH again.
    entry.awaiting = 'PUBCOMP';
    entry.sentAtMs = nowMs;
    return [pubrel(packetId, false)];
  }
  if (entry.awaiting !== type) return [{ kind: 'unknownAck', packetType: type, packetId }];
  // MQTT-2.3.1-3: the packetId becomes free once PUBACK / PUBCOMP has been processed.
  removeAt(flow, index);
  const complete: FlowEvent = { kind: 'complete', packetId, message: entry.message };
  if (v5 && type === 'PUBCOMP' && reasonCode === PACKET_ID_NOT_FOUND) return [{ kind: 'notFound', packetType: type, packetId }, complete];
  return [complete];
}

function resendEntry(entry: InflightMessage, nowMs: Millis): FlowEvent {
  entry.sentAtMs = nowMs;
  // MQTT-4.3.3-1: once PUBREL has been sent only PUBREL is repeated, never the PUBLISH.
  if (entry.awaiting === 'PUBCOMP') return pubrel(entry.packetId, true);
  // MQTT-3.3.1-1: a re-delivered PUBLISH has DUP=1; MQTT-2.3.1-3: same packetId.
  return { kind: 'send', packet: publishPacket(entry, true), retransmission: true };
}

/** MQTT-4.4.0-1 / MQTT-4.6.0-1: re-send every unacknowledged PUBLISH and PUBREL, in original order. */
export function resendAll(flow: OutboundFlow, nowMs: Millis): FlowEvent[] {
  return flow.inflight.map((entry) => resendEntry(entry, nowMs));
}

/** Legacy MQTT 3.1 "retry on timeout": re-send what has waited retryTimeoutMs, without reconnecting. */
export function resendExpired(flow: OutboundFlow, nowMs: Millis, retryTimeoutMs: number): FlowEvent[] {
  return flow.inflight.filter((e) => nowMs >= e.sentAtMs + retryTimeoutMs).map((e) => resendEntry(e, nowMs));
}

export function nextRetryAtMs(flow: OutboundFlow, retryTimeoutMs: number): Millis | undefined {
  let earliest: Millis | undefined;
  for (const e of flow.inflight) {
    const at = millis(e.sentAtMs + retryTimeoutMs);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest;
}

/** How many in-flight messages wait for the given acknowledgement. */
export function countAwaiting(flow: OutboundFlow, awaited: AwaitedAck): number {
  let n = 0;
  for (const m of flow.inflight) if (m.awaiting === awaited) n++;
  return n;
}

/** Ids of in-flight messages waiting for the given acknowledgement, in send order. */
export function idsAwaiting(flow: OutboundFlow, awaited: AwaitedAck): PacketId[] {
  return flow.inflight.filter((m) => m.awaiting === awaited).map((m) => m.packetId);
}

/** The earlier of two times, either possibly absent. */
export function earliest(a: Millis | undefined, b: Millis | undefined): Millis | undefined {
  if (a === undefined) return b;
  return b === undefined || a <= b ? a : b;
}
