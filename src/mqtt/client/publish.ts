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
 * - MQTT 5.0: the server's limits bound what we send (limits.ts); a PUBACK/PUBREC refusing a
 *   message ends its exchange and the message is reported as given up (MQTT-4.4.0-2); a PUBREL
 *   for an id we do not hold is answered PUBCOMP 0x92 Packet Identifier not found (Table 3-7);
 *   inbound Topic Alias and Receive Maximum: inbound-v5.ts.
 */
import type { AppMessage, Packet, PacketId, PublishPacket } from '../types';
import { protocolError } from '../errors';
import { topicNameProblem } from '../topic';
import type { ClientContext } from './context';
import { addOutput, applyRule, closeForViolation, isV5, reasonName, sendPacket } from './context';
import type { FlowEvent } from '../session/outbound';
import { fillWindow, handleAck, offer, PACKET_ID_NOT_FOUND } from '../session/outbound';
import { outboundWindow, outgoingMessage, publishLimitProblem } from './limits';
import { receivedMessage, resolveTopic, withinReceiveMaximum } from './inbound-v5';

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
      case 'failed':
        applyRule(ctx, 'MQTT-4.4.0-2', 'client.publish.refused', { packetType: event.packetType, packetId: event.packetId,
          reasonCode: event.reasonCode, reasonName: reasonName(event.packetType, event.reasonCode) });
        addOutput(ctx, { type: 'discarded', reason: 'refusedByServer', messages: [event.message], reasonCode: event.reasonCode });
        break;
      case 'notFound':
        applyRule(ctx, 'MQTT-4.3.3', 'client.ack.notFound', { packetType: event.packetType, packetId: event.packetId });
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
export function appPublished(ctx: ClientContext, asked: AppMessage): void {
  const { state } = ctx;
  const message = outgoingMessage(state, asked);
  const problem = topicNameProblem(message.topic) ?? publishLimitProblem(state, message);
  if (problem) {
    applyRule(ctx, problem.rule, 'client.request.rejected', { reason: problem.message, topic: message.topic });
    return;
  }
  if (message.qos === 0) {
    if (state.status !== 'connected') {
      applyRule(ctx, 'MQTT-4.3.1', 'client.qos0.dropped', { topic: message.topic });
      addOutput(ctx, { type: 'discarded', reason: 'qos0Offline', messages: [message] });
      return;
    }
    // MQTT-4.3.1-1: QoS 0 goes out once, DUP=0, and is done.
    const packet: PublishPacket = { type: 'PUBLISH', topic: message.topic, payload: message.payload, qos: 0, dup: false, retain: message.retain };
    if (message.properties !== undefined) packet.properties = message.properties;
    sendPacket(ctx, packet);
    addOutput(ctx, { type: 'published', message });
    return;
  }
  if (state.status !== 'connected') {
    state.flow.queue.push(message);
    applyRule(ctx, 'MQTT-4.4', 'client.queued', { topic: message.topic, qos: message.qos, queued: state.flow.queue.length, reason: 'offline' });
    return;
  }
  const event = offer(state.flow, message, ctx.nowMs, outboundWindow(state), requestIdInUse(ctx));
  if (event.kind === 'queued') {
    applyRule(ctx, 'MQTT-4.3', 'client.queued', { topic: message.topic, qos: message.qos, queued: event.queued, reason: 'window' });
  }
  emitFlowEvents(ctx, [event], 'ack');
}

/** PUBACK, PUBREC or PUBCOMP for one of our messages. */
export function handleOutboundAck(ctx: ClientContext, type: 'PUBACK' | 'PUBREC' | 'PUBCOMP', packetId: PacketId,
  reasonCode?: number): void {
  const { state } = ctx;
  const v5 = isV5(state);
  const facts = v5 ? { version: 5 as const, reasonCode } : undefined;
  emitFlowEvents(ctx, handleAck(state.flow, type, packetId, ctx.nowMs, facts), 'ack');
  // A PUBREC frees room only when it refuses the message (5.0).
  if (type !== 'PUBREC' || (v5 && (reasonCode ?? 0) >= 0x80)) {
    emitFlowEvents(ctx, fillWindow(state.flow, ctx.nowMs, outboundWindow(state), requestIdInUse(ctx)), 'ack');
  }
}

function toAppMessage(packet: PublishPacket): AppMessage {
  return { topic: packet.topic, payload: packet.payload, qos: packet.qos, retain: packet.retain };
}

/** A PUBLISH from the server; a violation closes the connection. */
export function handlePublish(ctx: ClientContext, received: PublishPacket): void {
  let packet = received;
  let message: AppMessage | undefined;
  if (isV5(ctx.state)) {
    const topic = resolveTopic(ctx, received);
    if (topic === undefined || !withinReceiveMaximum(ctx, received)) return;
    message = receivedMessage(received, topic);
    if (topic !== received.topic) packet = { ...received, topic };
  }
  if (packet.qos === 0) {
    addOutput(ctx, { type: 'deliver', message: message ?? toAppMessage(packet) });
    return;
  }
  const packetId = packet.packetId;
  if (packetId === undefined) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-2.3.1-1', 'QoS > 0 PUBLISH without packet identifier'));
    return;
  }
  if (packet.qos === 1) {
    if (packet.dup) applyRule(ctx, 'MQTT-4.3.2-2', 'client.qos1.duplicate', { packetId });
    addOutput(ctx, { type: 'deliver', message: message ?? toAppMessage(packet) });
    // MQTT-4.3.2-2 / MQTT-4.5.0-2: PUBACK with the PUBLISH's packetId.
    sendPacket(ctx, { type: 'PUBACK', packetId });
  } else {
    handleQos2Publish(ctx, packetId, message ?? toAppMessage(packet));
  }
}

function handleQos2Publish(ctx: ClientContext, packetId: PacketId, message: AppMessage): void {
  const { state } = ctx;
  if (state.awaitingPubrel.includes(packetId)) {
    // MQTT-4.3.3-2: a repeated PUBLISH before PUBREL gets PUBREC again, no new delivery.
    applyRule(ctx, 'MQTT-4.3.3-2', 'client.qos2.duplicate', { packetId });
  } else {
    // Method B (Figure 4.3): store the packetId, deliver at once.
    state.awaitingPubrel.push(packetId);
    applyRule(ctx, 'MQTT-4.3.3-2', 'client.qos2.stored', { packetId });
    addOutput(ctx, { type: 'deliver', message });
  }
  sendPacket(ctx, { type: 'PUBREC', packetId });
}

export function handlePubrel(ctx: ClientContext, packetId: PacketId, reasonCode?: number): void {
  const { state } = ctx;
  const index = state.awaitingPubrel.indexOf(packetId);
  if (index === 0) state.awaitingPubrel.shift(); // PUBRELs mostly arrive in order (see PERFORMANCE.md)
  else if (index > 0) state.awaitingPubrel.splice(index, 1);
  if (reasonCode === PACKET_ID_NOT_FOUND) applyRule(ctx, 'MQTT-4.3.3', 'client.ack.notFound', { packetType: 'PUBREL', packetId });
  applyRule(ctx, 'MQTT-4.3.3-2', 'client.qos2.released', { packetId, known: index >= 0 });
  // MQTT-4.3.3-2: PUBREL is answered with PUBCOMP, same packetId; later PUBLISHes with it are new.
  // 5.0: an id we do not hold is answered 0x92 Packet Identifier not found (Table 3-7).
  sendPacket(ctx, isV5(state) && index < 0 ? { type: 'PUBCOMP', packetId, reasonCode: PACKET_ID_NOT_FOUND } : { type: 'PUBCOMP', packetId });
}
