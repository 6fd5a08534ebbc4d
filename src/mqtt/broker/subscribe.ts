/**
 * SUBSCRIBE and UNSUBSCRIBE on the broker.
 *
 * Rules this file keeps:
 * - A SUBSCRIBE with several filters is handled as several in a row, answered by one SUBACK
 *   (MQTT-3.8.4-4) with the same packetId (MQTT-3.8.4-2) and one return code per filter, in
 *   order (MQTT-3.8.4-5, MQTT-3.9.3-1): the granted QoS, or 0x80 for an invalid or refused filter.
 * - A filter is refused when it could receive a topic that a refused filter (the `refusedFilters`
 *   option) matches: refusing `secret/#` refuses `secret/x`, `secret`, `secret/+/y`, and also
 *   `#` and `+/x`, which could receive `secret/x`; it grants `public/x` and `secret2/x`. Nothing
 *   a subscriber is granted ever carries a refused topic (0x80 is the only failure code, MQTT-3.9.3-2).
 * - A filter identical to an existing one replaces that subscription (MQTT-3.8.4-3).
 * - Retained messages matching a new (or replaced) subscription are sent after the SUBACK with
 *   RETAIN=1 (MQTT-3.3.1-6, MQTT-3.3.1-8), at min(retained QoS, granted QoS).
 * - UNSUBSCRIBE compares filters character by character (MQTT-3.10.4-1), stops new deliveries
 *   (MQTT-3.10.4-2) but lets in-flight QoS 1/2 finish (MQTT-3.10.4-3), and is always answered by
 *   one UNSUBACK with the same packetId (MQTT-3.10.4-4, -5, -6).
 */
import type { QoS, SubackReturnCode, SubscribePacket, Subscription, UnsubscribePacket } from '../types';
import { protocolError } from '../errors';
import { topicFilterProblem, topicMatches } from '../topic';
import type { BrokerContext } from './context';
import { applyRule, sendTo } from './context';
import { deliverToSession } from './delivery';
import { closeForViolation } from './lifecycle';
import type { BrokerConnection, BrokerSession } from './types';

/**
 * Could some topic name be matched by both filters (MQTT 4.7)? Both are assumed valid.
 * Level by level: '+' meets any level, '#' meets the rest including nothing ('a/#' matches 'a').
 * A filter starting with a wildcard never matches a topic starting with '$' (MQTT-4.7.2-1), so
 * '#' and '$SYS/#' share no topic. Identical filters always overlap.
 */
export function filtersOverlap(a: string, b: string): boolean {
  const x = a.split('/');
  const y = b.split('/');
  const isWild = (level: string | undefined) => level === '+' || level === '#';
  // The shared topic's first level is the literal one, if any; a '$' there defeats the wildcard.
  if (isWild(x[0]) !== isWild(y[0]) && (isWild(x[0]) ? y[0] : x[0])?.startsWith('$')) return false;
  // '/#' meets '+' only in the empty name, which is not a topic (MQTT-4.7.3-1).
  if ((a === '+' && b === '/#') || (a === '/#' && b === '+')) return false;
  for (let i = 0; ; i++) {
    const p = x[i];
    const q = y[i];
    if (p === '#' || q === '#') return true;
    if (p === undefined || q === undefined) return p === q;
    if (p !== '+' && q !== '+' && p !== q) return false;
  }
}

/** The first refused filter that shares a topic with `topicFilter` (a valid filter), if any. */
function refusedBy(refusedFilters: readonly string[], topicFilter: string): string | undefined {
  // An invalid entry (the simulator's scenarios accept any string) refuses only its own text,
  // and that is already refused as invalid.
  return refusedFilters.find((r) => r === topicFilter || (!topicFilterProblem(r) && filtersOverlap(r, topicFilter)));
}

function subscribeOne(ctx: BrokerContext, session: BrokerSession, sub: Subscription): SubackReturnCode {
  const subject = { clientId: session.clientId, connId: session.connId };
  const problem = topicFilterProblem(sub.topicFilter);
  const refused = !problem && refusedBy(ctx.state.options.refusedFilters, sub.topicFilter) !== undefined;
  if (problem || refused) {
    applyRule(ctx, subject, problem ? problem.rule : 'MQTT-3.8.4-5', 'broker.subscribe.refused',
      { clientId: session.clientId, topicFilter: sub.topicFilter, reason: problem ? 'invalid' : 'refused' });
    return 0x80;
  }
  const granted: QoS = sub.qos; // we grant what was asked: every QoS is supported
  const existing = session.subscriptions.find((s) => s.topicFilter === sub.topicFilter);
  if (existing) {
    // MQTT-3.8.4-3: the same filter again replaces the subscription (the flow is not interrupted).
    applyRule(ctx, subject, 'MQTT-3.8.4-3', 'broker.subscribe.replaced',
      { clientId: session.clientId, topicFilter: sub.topicFilter, from: existing.qos, to: granted });
    existing.qos = granted;
  } else {
    session.subscriptions.push({ topicFilter: sub.topicFilter, qos: granted });
    applyRule(ctx, subject, 'MQTT-3.8.4-5', 'broker.subscribe.granted',
      { clientId: session.clientId, topicFilter: sub.topicFilter, requested: sub.qos, granted });
  }
  return granted;
}

function sendRetained(ctx: BrokerContext, session: BrokerSession, sub: Subscription): void {
  for (const message of ctx.state.retained.values()) {
    if (!topicMatches(sub.topicFilter, message.topic)) continue;
    const qos = Math.min(message.qos, sub.qos) as QoS;
    applyRule(ctx, { clientId: session.clientId, connId: session.connId }, 'MQTT-3.3.1-6', 'broker.retained.sent',
      { clientId: session.clientId, topic: message.topic, qos });
    // MQTT-3.3.1-8: RETAIN=1 because it is sent as a result of a new subscription.
    deliverToSession(ctx, session, { topic: message.topic, payload: message.payload, qos, retain: true });
  }
}

export function handleSubscribe(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packet: SubscribePacket): void {
  if (packet.subscriptions.length === 0) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.8.3-3', 'SUBSCRIBE without topic filters'));
    return;
  }
  const returnCodes = packet.subscriptions.map((sub) => subscribeOne(ctx, session, sub));
  // MQTT-3.8.4-1 / MQTT-3.8.4-2: SUBACK with the SUBSCRIBE's packetId.
  sendTo(ctx, conn.connId, { type: 'SUBACK', packetId: packet.packetId, returnCodes });
  packet.subscriptions.forEach((sub, i) => {
    const code = returnCodes[i];
    if (code !== undefined && code !== 0x80) sendRetained(ctx, session, { topicFilter: sub.topicFilter, qos: code });
  });
}

export function handleUnsubscribe(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession,
  packet: UnsubscribePacket): void {
  if (packet.topicFilters.length === 0) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.10.3-2', 'UNSUBSCRIBE without topic filters'));
    return;
  }
  for (const topicFilter of packet.topicFilters) {
    // MQTT-3.10.4-1: exact, character-by-character comparison; wildcards are not expanded.
    const before = session.subscriptions.length;
    session.subscriptions = session.subscriptions.filter((s) => s.topicFilter !== topicFilter);
    applyRule(ctx, { clientId: session.clientId, connId: conn.connId }, 'MQTT-3.10.4-1', 'broker.unsubscribed',
      { clientId: session.clientId, topicFilter, existed: session.subscriptions.length < before });
  }
  // MQTT-3.10.4-4 / MQTT-3.10.4-5: UNSUBACK, same packetId, even if nothing matched.
  sendTo(ctx, conn.connId, { type: 'UNSUBACK', packetId: packet.packetId });
}
