/**
 * Client side of the publish flows (MQTT 3.1.1 section 4.3): sending at QoS 0/1/2 and
 * receiving at QoS 0/1/2.
 *
 * Rules this file keeps:
 * - Sender: see sender.ts (packet ids, window, queue, DUP, PUBREL after PUBREC).
 * - Receiver QoS 1: deliver, then PUBACK with the same packetId (MQTT-4.3.2-2); a later PUBLISH
 *   with that id is a new publication, DUP or not, so QoS 1 may deliver twice.
 * - Receiver QoS 2, Method B of Figure 4.3: hold the packetId, deliver once, PUBREC; a PUBLISH
 *   with a held id gets PUBREC again and is not delivered again (MQTT-4.3.3-2); PUBREL frees the
 *   id and is always answered with PUBCOMP.
 * - Acknowledgements go out in the order the PUBLISHes arrived (MQTT-4.6.0-2, MQTT-4.6.0-3):
 *   every PUBLISH is answered as it is processed.
 */
import type { AppMessage, Packet, PacketId, PublishPacket } from '../types';
import { protocolError } from '../errors';
import { topicNameProblem } from '../topic';
import type { ClientContext } from './context';
import { addOutput, applyRule, closeForViolation, sendPacket } from './context';
import type { FlowEvent } from '../session/outbound';
import { fillWindow, handleAck, offer } from '../session/outbound';

/** Ids in use outside the publish flow: pending SUBSCRIBE / UNSUBSCRIBE (MQTT-2.3.1-2); usually none. */
export function requestIdInUse(ctx: ClientContext): ((packetId: PacketId) => boolean) | undefined {
  const { requests } = ctx.state;
  return requests.length === 0 ? undefined : (packetId) => requests.some((r) => r.packet.packetId === packetId);
}

/** Turns sender events into outputs. */
export function emitFlowEvents(ctx: ClientContext, events: FlowEvent[], reason: 'reconnect' | 'timeout' | 'ack'): void {
  for (const event of events) {
    switch (event.kind) {
      case 'send':
        if (event.retransmission && ctx.state.options.narrate) narrateResend(ctx, event.packet, reason);
        sendPacket(ctx, event.packet, event.retransmission);
        break;
      case 'complete':
        addOutput(ctx, { type: 'published', packetId: event.packetId, message: event.message });
        break;
      case 'queued':
        break;
      case 'unknownAck':
        applyRule(ctx, 'MQTT-4.3', 'client.ack.unknown', { packetType: event.packetType, packetId: event.packetId });
        break;
    }
  }
}

function narrateResend(ctx: ClientContext, packet: Packet, reason: 'reconnect' | 'timeout' | 'ack'): void {
  if (packet.type === 'PUBLISH') {
    applyRule(ctx, reason === 'timeout' ? 'MQTT-3.3.1-1' : 'MQTT-4.4.0-1', 'client.resend.publish',
      { packetId: packet.packetId ?? 0, qos: packet.qos, reason });
  } else if (packet.type === 'PUBREL') {
    applyRule(ctx, reason === 'reconnect' ? 'MQTT-4.4.0-1' : 'MQTT-4.3.3-1', 'client.resend.pubrel',
      { packetId: packet.packetId, reason: reason === 'ack' ? 'duplicatePubrec' : reason });
  }
}

/** The application publishes. QoS 1/2 is accepted even offline (queued); QoS 0 needs a connection. */
export function appPublished(ctx: ClientContext, message: AppMessage): void {
  const problem = topicNameProblem(message.topic);
  if (problem) {
    applyRule(ctx, problem.rule, 'client.request.rejected', { reason: problem.message, topic: message.topic });
    return;
  }
  const { state } = ctx;
  if (message.qos === 0) {
    if (state.status !== 'connected') {
      applyRule(ctx, 'MQTT-4.3.1', 'client.qos0.dropped', { topic: message.topic });
      addOutput(ctx, { type: 'discarded', reason: 'qos0Offline', messages: [message] });
      return;
    }
    // MQTT-4.3.1-1: QoS 0 goes out once, DUP=0, and is done.
    sendPacket(ctx, { type: 'PUBLISH', topic: message.topic, payload: message.payload, qos: 0, dup: false, retain: message.retain });
    addOutput(ctx, { type: 'published', message });
    return;
  }
  if (state.status !== 'connected') {
    state.flow.queue.push(message);
    applyRule(ctx, 'MQTT-4.4', 'client.queued', { topic: message.topic, qos: message.qos, queued: state.flow.queue.length, reason: 'offline' });
    return;
  }
  const event = offer(state.flow, message, ctx.nowMs, state.options.maxInflight, requestIdInUse(ctx));
  if (event.kind === 'queued') {
    applyRule(ctx, 'MQTT-4.3', 'client.queued', { topic: message.topic, qos: message.qos, queued: event.queued, reason: 'window' });
  }
  emitFlowEvents(ctx, [event], 'ack');
}

/** PUBACK, PUBREC or PUBCOMP for one of our messages. */
export function handleOutboundAck(ctx: ClientContext, type: 'PUBACK' | 'PUBREC' | 'PUBCOMP', packetId: PacketId): void {
  const { state } = ctx;
  emitFlowEvents(ctx, handleAck(state.flow, type, packetId, ctx.nowMs), 'ack');
  if (type !== 'PUBREC') {
    emitFlowEvents(ctx, fillWindow(state.flow, ctx.nowMs, state.options.maxInflight, requestIdInUse(ctx)), 'ack');
  }
}

function toAppMessage(packet: PublishPacket): AppMessage {
  return { topic: packet.topic, payload: packet.payload, qos: packet.qos, retain: packet.retain };
}

/** A PUBLISH from the server; a violation closes the connection. */
export function handlePublish(ctx: ClientContext, packet: PublishPacket): void {
  if (packet.qos === 0) {
    addOutput(ctx, { type: 'deliver', message: toAppMessage(packet) });
    return;
  }
  const packetId = packet.packetId;
  if (packetId === undefined) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-2.3.1-1', 'QoS > 0 PUBLISH without packet identifier'));
    return;
  }
  if (packet.qos === 1) {
    if (packet.dup) applyRule(ctx, 'MQTT-4.3.2-2', 'client.qos1.duplicate', { packetId });
    addOutput(ctx, { type: 'deliver', message: toAppMessage(packet) });
    // MQTT-4.3.2-2 / MQTT-4.5.0-2: PUBACK with the PUBLISH's packetId.
    sendPacket(ctx, { type: 'PUBACK', packetId });
  } else {
    handleQos2Publish(ctx, packet, packetId);
  }
}

function handleQos2Publish(ctx: ClientContext, packet: PublishPacket, packetId: PacketId): void {
  const { state } = ctx;
  if (state.awaitingPubrel.includes(packetId)) {
    // MQTT-4.3.3-2: a repeated PUBLISH before PUBREL gets PUBREC again, no new delivery.
    applyRule(ctx, 'MQTT-4.3.3-2', 'client.qos2.duplicate', { packetId });
  } else {
    // Method B (Figure 4.3): store the packetId, deliver at once.
    state.awaitingPubrel.push(packetId);
    applyRule(ctx, 'MQTT-4.3.3-2', 'client.qos2.stored', { packetId });
    addOutput(ctx, { type: 'deliver', message: toAppMessage(packet) });
  }
  sendPacket(ctx, { type: 'PUBREC', packetId });
}

export function handlePubrel(ctx: ClientContext, packetId: PacketId): void {
  const { state } = ctx;
  const index = state.awaitingPubrel.indexOf(packetId);
  if (index === 0) state.awaitingPubrel.shift(); // PUBRELs mostly arrive in order (see PERFORMANCE.md)
  else if (index > 0) state.awaitingPubrel.splice(index, 1);
  applyRule(ctx, 'MQTT-4.3.3-2', 'client.qos2.released', { packetId, known: index >= 0 });
  // MQTT-4.3.3-2: PUBREL is answered with PUBCOMP, same packetId; later PUBLISHes with it are new.
  sendPacket(ctx, { type: 'PUBCOMP', packetId });
}
