/**
 * Client side of SUBSCRIBE / SUBACK and UNSUBSCRIBE / UNSUBACK (MQTT 3.1.1 sections 3.8-3.11).
 *
 * Rules this file keeps:
 * - Each request gets a currently unused packetId, shared with outbound PUBLISH (MQTT-2.3.1-2).
 * - A request made while offline waits and goes out after the next CONNACK; one sent but not
 *   acknowledged when the connection dropped is sent again (with its packetId) on reconnect.
 * - SUBACK carries one return code per filter, in order (MQTT-3.9.3-1); 0x80 means refused.
 * - MQTT 5.0: a subscription keeps its options (No Local, Retain As Published, Retain Handling)
 *   and the SUBSCRIBE may carry a Subscription Identifier and User Properties; SUBACK and
 *   UNSUBACK carry a Reason Code per filter, in order (MQTT-3.9.3-1, MQTT-3.11.3-1): those of
 *   0x80 or more are refusals, each narrated; an UNSUBACK refusal leaves the subscription.
 */
import {
  grantedCodes, millis, type Millis, type PacketId, type SubackPacket, type SubscribePacket, type SubscribeProperties,
  type Subscription, type UnsubackPacket,
} from '../types';
import { protocolError } from '../errors';
import { topicFilterProblem } from '../topic';
import type { ClientContext } from './context';
import { addOutput, applyRule, closeForViolation, isV5, reasonName, sendPacket } from './context';
import { allocatePacketId } from '../session/outbound';
import type { ClientState, PendingRequest } from './types';

function newPacketId(ctx: ClientContext): PacketId {
  const { state } = ctx;
  return allocatePacketId(state.flow, (id) => state.requests.some((r) => r.packet.packetId === id));
}

function firstInvalidFilter(ctx: ClientContext, topicFilters: string[]): boolean {
  if (topicFilters.length === 0) {
    // MQTT-3.8.3-3 / MQTT-3.10.3-2: at least one filter.
    applyRule(ctx, 'MQTT-3.8.3-3', 'client.request.rejected', { reason: 'no topic filter', topic: '' });
    return true;
  }
  for (const filter of topicFilters) {
    const problem = topicFilterProblem(filter);
    if (problem) {
      applyRule(ctx, problem.rule, 'client.request.rejected', { reason: problem.message, topic: filter });
      return true;
    }
  }
  return false;
}

function submit(ctx: ClientContext, request: PendingRequest): void {
  ctx.state.requests.push(request);
  if (ctx.state.status === 'connected') sendRequest(ctx, request);
}

function sendRequest(ctx: ClientContext, request: PendingRequest): void {
  request.sent = true;
  request.sentAtMs = ctx.nowMs;
  sendPacket(ctx, request.packet);
}

/**
 * retryMode 'retryOnTimeout' (MQTT 3.1): a SUBSCRIBE or UNSUBSCRIBE still unacknowledged after
 * the retry timeout is sent again on the same connection, with the same packet id.
 */
export function resendExpiredRequests(ctx: ClientContext, retryTimeoutMs: number): void {
  for (const request of ctx.state.requests) {
    if (!request.sent || request.sentAtMs === undefined || ctx.nowMs < request.sentAtMs + retryTimeoutMs) continue;
    applyRule(ctx, 'MQTT-3.1', 'client.resend.request', { packetType: request.packet.type, packetId: request.packet.packetId });
    sendRequest(ctx, request);
  }
}

export function nextRequestRetryAtMs(state: ClientState, retryTimeoutMs: number): Millis | undefined {
  let at: Millis | undefined;
  for (const r of state.requests) {
    if (r.sent && r.sentAtMs !== undefined && (at === undefined || r.sentAtMs + retryTimeoutMs < at)) at = millis(r.sentAtMs + retryTimeoutMs);
  }
  return at;
}

export function appSubscribed(ctx: ClientContext, subscriptions: Subscription[], properties?: SubscribeProperties): void {
  if (firstInvalidFilter(ctx, subscriptions.map((s) => s.topicFilter))) return;
  const packet: SubscribePacket = { type: 'SUBSCRIBE', packetId: newPacketId(ctx), subscriptions: subscriptions.map((s) => ({ ...s })) };
  if (isV5(ctx.state) && properties !== undefined) packet.properties = { ...properties };
  submit(ctx, { packet, sent: false });
}

export function appUnsubscribed(ctx: ClientContext, topicFilters: string[]): void {
  if (firstInvalidFilter(ctx, topicFilters)) return;
  submit(ctx, { packet: { type: 'UNSUBSCRIBE', packetId: newPacketId(ctx), topicFilters: [...topicFilters] }, sent: false });
}

/** After CONNACK: send what waits, and (sessionPresent=0) re-subscribe if asked to. */
export function sendPendingRequests(ctx: ClientContext, sessionPresent: boolean): void {
  const { state } = ctx;
  if (!sessionPresent && state.options.resubscribe && state.subscriptions.length > 0) {
    const subscriptions = state.subscriptions;
    state.subscriptions = [];
    applyRule(ctx, 'MQTT-3.2.2-3', 'client.resubscribe', { topicFilters: subscriptions.map((s) => s.topicFilter).join(' ') });
    state.requests.unshift({ packet: { type: 'SUBSCRIBE', packetId: newPacketId(ctx), subscriptions }, sent: false });
  }
  for (const request of state.requests) {
    if (request.sent) continue;
    sendRequest(ctx, request);
  }
}

function takeRequest(ctx: ClientContext, type: 'SUBSCRIBE' | 'UNSUBSCRIBE', packetId: PacketId): PendingRequest | undefined {
  const index = ctx.state.requests.findIndex((r) => r.packet.packetId === packetId && r.packet.type === type);
  if (index < 0) return undefined;
  return ctx.state.requests.splice(index, 1)[0];
}

export function handleSuback(ctx: ClientContext, packet: SubackPacket): void {
  const request = takeRequest(ctx, 'SUBSCRIBE', packet.packetId);
  if (request === undefined || request.packet.type !== 'SUBSCRIBE') {
    applyRule(ctx, 'MQTT-2.3.1-7', 'client.ack.unknown', { packetType: 'SUBACK', packetId: packet.packetId });
    return;
  }
  const requested = request.packet.subscriptions;
  const returnCodes = grantedCodes(packet);
  if (returnCodes.length !== requested.length) {
    // MQTT-3.8.4-5: one return code per filter.
    closeForViolation(ctx, protocolError('remote', 'MQTT-3.8.4-5', 'SUBACK return code count differs from the SUBSCRIBE'));
    return;
  }
  const v5 = 'reasonCodes' in packet;
  requested.forEach((sub, i) => {
    const code = returnCodes[i];
    const subs = ctx.state.subscriptions.filter((s) => s.topicFilter !== sub.topicFilter);
    // 5.0 keeps the subscription's options with it (they go out again on a re-subscribe).
    if (code !== undefined && code !== 0x80) subs.push(v5 ? { ...sub, qos: code } : { topicFilter: sub.topicFilter, qos: code });
    ctx.state.subscriptions = subs;
    if (v5 && packet.reasonCodes[i] !== undefined && packet.reasonCodes[i] >= 0x80) {
      applyRule(ctx, 'MQTT-3.9.3-1', 'client.subscribe.refused',
        { topicFilter: sub.topicFilter, reasonCode: packet.reasonCodes[i], reasonName: reasonName('SUBACK', packet.reasonCodes[i]) });
    }
  });
  addOutput(ctx, v5
    ? { type: 'subscribed', packetId: packet.packetId, returnCodes: [...returnCodes], reasonCodes: [...packet.reasonCodes] }
    : { type: 'subscribed', packetId: packet.packetId, returnCodes: [...returnCodes] });
}

export function handleUnsuback(ctx: ClientContext, packet: UnsubackPacket): void {
  const { packetId } = packet;
  const request = takeRequest(ctx, 'UNSUBSCRIBE', packetId);
  if (request === undefined || request.packet.type !== 'UNSUBSCRIBE') {
    applyRule(ctx, 'MQTT-2.3.1-7', 'client.ack.unknown', { packetType: 'UNSUBACK', packetId });
    return;
  }
  const filters = request.packet.topicFilters;
  const codes = packet.reasonCodes;
  if (codes === undefined) {
    const removed = new Set(filters);
    ctx.state.subscriptions = ctx.state.subscriptions.filter((s) => !removed.has(s.topicFilter));
    addOutput(ctx, { type: 'unsubscribed', packetId });
    return;
  }
  if (codes.length !== filters.length) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-3.11.3-1', 'UNSUBACK Reason Code count differs from the UNSUBSCRIBE', 0x82));
    return;
  }
  // 0x00 Success and 0x11 No subscription existed both leave no subscription; 0x80 and up keep it.
  const removed = new Set(filters.filter((_, i) => (codes[i] ?? 0) < 0x80));
  filters.forEach((topicFilter, i) => {
    const code = codes[i] ?? 0;
    if (code >= 0x80) applyRule(ctx, 'MQTT-3.11.3-1', 'client.unsubscribe.refused', { topicFilter, reasonCode: code, reasonName: reasonName('UNSUBACK', code) });
  });
  ctx.state.subscriptions = ctx.state.subscriptions.filter((s) => !removed.has(s.topicFilter));
  addOutput(ctx, { type: 'unsubscribed', packetId, reasonCodes: [...codes] });
}

