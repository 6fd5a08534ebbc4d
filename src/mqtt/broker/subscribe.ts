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
 *
 * MQTT 5.0:
 * - The granted QoS is at most the Maximum QoS option (MQTT-3.2.2-10: a higher request is still
 *   accepted). SUBACK and UNSUBACK failures are named in a Reason String with `reasonStrings`.
 * - SUBACK Reason Codes (MQTT-3.8.4-6, -7): the granted QoS, 0x87 Not authorized for a refused
 *   filter, 0x8F Topic Filter invalid, 0x9E Shared Subscriptions not supported (when disabled).
 * - The subscription options and the SUBSCRIBE's Subscription Identifier are stored with the
 *   subscription (routing.ts applies them). No Local on a shared subscription is a Protocol
 *   Error (MQTT-3.8.3-4).
 * - Retain Handling: 0 sends the matching retained messages (MQTT-3.3.1-9), 1 only if the
 *   subscription is new (MQTT-3.3.1-10), 2 never (MQTT-3.3.1-11); a shared subscription gets
 *   none (4.8.2). Retained messages go with RETAIN 1 whatever Retain As Published says.
 * - UNSUBACK Reason Codes: 0x00, or 0x11 No subscription existed (MQTT-3.11.3-1: in order).
 */
import type { QoS, SubackReasonCode, SubackReturnCode, SubscribePacket, Subscription, UnsubackReasonCode, UnsubscribePacket } from '../types';
import { protocolError } from '../errors';
import { topicFilterProblem, topicMatches } from '../topic';
import type { BrokerContext } from './context';
import { applyRule, sendTo } from './context';
import { deliverToSession } from './delivery';
import { closeForViolation } from './lifecycle';
import { reasonStringOf } from './connect-v5';
import { copyFor } from './routing';
import { sharedFilter, sharedFilterProblem } from './shared';
import type { BrokerConnection, BrokerMessage, BrokerSession, BrokerSubscription } from './types';

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

/** The outcome for one filter: granted (and whether it is new), or a failure code. */
type SubscribeOutcome = { granted: QoS; isNew: boolean } | { failed: SubackReasonCode; invalid: boolean };

function refuseOne(ctx: BrokerContext, session: BrokerSession, topicFilter: string, rule: string, invalid: boolean,
  failed: SubackReasonCode): SubscribeOutcome {
  applyRule(ctx, { clientId: session.clientId, connId: session.connId }, rule, 'broker.subscribe.refused',
    { clientId: session.clientId, topicFilter, reason: invalid ? 'invalid' : failed === 0x9e ? 'sharedNotSupported' : 'refused' });
  return { failed, invalid };
}

function subscribeOne(ctx: BrokerContext, session: BrokerSession, sub: Subscription, maximumQoS: QoS, subscriptionIdentifier?: number): SubscribeOutcome {
  const subject = { clientId: session.clientId, connId: session.connId };
  const shared = sharedFilter(sub.topicFilter);
  const matched = shared?.filter ?? sub.topicFilter;
  const problem = shared !== undefined && sharedFilterProblem(shared) !== undefined
    ? { rule: 'MQTT-4.8.2-2', message: sharedFilterProblem(shared) ?? '' } : topicFilterProblem(matched);
  if (problem) return refuseOne(ctx, session, sub.topicFilter, problem.rule, true, 0x8f);
  if (shared !== undefined && !ctx.state.options.sharedSubscriptions) return refuseOne(ctx, session, sub.topicFilter, 'MQTT-4.8.2', false, 0x9e);
  if (refusedBy(ctx.state.options.refusedFilters, matched) !== undefined) {
    return refuseOne(ctx, session, sub.topicFilter, 'MQTT-3.8.4-5', false, 0x87);
  }
  // We grant what was asked, up to the Maximum QoS of a 5.0 connection (MQTT-3.2.2-10: a higher request is still accepted).
  const granted = Math.min(sub.qos, maximumQoS) as QoS;
  const stored: BrokerSubscription = { topicFilter: sub.topicFilter, qos: granted };
  if (sub.noLocal !== undefined) stored.noLocal = sub.noLocal;
  if (sub.retainAsPublished !== undefined) stored.retainAsPublished = sub.retainAsPublished;
  if (sub.retainHandling !== undefined) stored.retainHandling = sub.retainHandling;
  if (subscriptionIdentifier !== undefined) stored.subscriptionIdentifier = subscriptionIdentifier;
  const index = session.subscriptions.findIndex((s) => s.topicFilter === sub.topicFilter);
  const existing = session.subscriptions[index];
  if (existing) {
    // MQTT-3.8.4-3: the same filter again replaces the subscription (the flow is not interrupted).
    applyRule(ctx, subject, 'MQTT-3.8.4-3', 'broker.subscribe.replaced',
      { clientId: session.clientId, topicFilter: sub.topicFilter, from: existing.qos, to: granted });
    if (session.subscriptions.length > 0 && stored.noLocal === undefined && stored.subscriptionIdentifier === undefined
      && stored.retainAsPublished === undefined && stored.retainHandling === undefined) existing.qos = granted;
    else session.subscriptions[index] = stored;
  } else {
    session.subscriptions.push(stored);
    applyRule(ctx, subject, 'MQTT-3.8.4-5', 'broker.subscribe.granted',
      { clientId: session.clientId, topicFilter: sub.topicFilter, requested: sub.qos, granted });
  }
  if (shared !== undefined) ctx.state.sharedCursor[`${shared.group}/${shared.filter}`] ??= 0;
  return { granted, isNew: existing === undefined };
}

function sendRetained(ctx: BrokerContext, session: BrokerSession, sub: BrokerSubscription): void {
  for (const [topic, message] of [...ctx.state.retained]) {
    if (!topicMatches(sub.topicFilter, topic)) continue;
    const stored = message as BrokerMessage;
    if (stored.expiresAtMs !== undefined && stored.expiresAtMs <= ctx.nowMs) {
      // MQTT-3.3.2-5: an expired retained message is deleted, not sent.
      ctx.state.retained.delete(topic);
      applyRule(ctx, { clientId: session.clientId, connId: session.connId }, 'MQTT-3.3.2-5', 'broker.message.expired',
        { clientId: session.clientId, topic, qos: stored.qos });
      continue;
    }
    const qos = Math.min(message.qos, sub.qos) as QoS;
    applyRule(ctx, { clientId: session.clientId, connId: session.connId }, 'MQTT-3.3.1-6', 'broker.retained.sent',
      { clientId: session.clientId, topic: message.topic, qos });
    // MQTT-3.3.1-8: RETAIN=1 because it is sent as a result of a new subscription.
    const ids = sub.subscriptionIdentifier === undefined ? undefined : [sub.subscriptionIdentifier];
    deliverToSession(ctx, session, copyFor(stored, qos, true, ids));
  }
}

/** MQTT-3.3.1-9..-11 (5.0): whether this subscription gets the retained messages now. */
function wantsRetained(ctx: BrokerContext, session: BrokerSession, sub: BrokerSubscription, isNew: boolean): boolean {
  const handling = sub.retainHandling ?? 0;
  const shared = sharedFilter(sub.topicFilter) !== undefined;
  if (!shared && (handling === 0 || (handling === 1 && isNew))) return true;
  applyRule(ctx, { clientId: session.clientId, connId: session.connId },
    shared ? 'MQTT-4.8.2' : handling === 1 ? 'MQTT-3.3.1-10' : 'MQTT-3.3.1-11', 'broker.retained.notSent',
    { clientId: session.clientId, topicFilter: sub.topicFilter, retainHandling: handling, shared });
  return false;
}

export function handleSubscribe(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packet: SubscribePacket): void {
  if (packet.subscriptions.length === 0) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.8.3-3', 'SUBSCRIBE without topic filters', conn.v5 ? 0x82 : undefined));
    return;
  }
  if (conn.v5 !== undefined && packet.subscriptions.some((sub) => sub.noLocal === true && sharedFilter(sub.topicFilter) !== undefined)) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.8.3-4', 'No Local on a shared subscription', 0x82));
    return;
  }
  const id = conn.v5 === undefined ? undefined : packet.properties?.subscriptionIdentifier;
  const maximumQoS: QoS = conn.v5 === undefined ? 2 : ctx.state.options.maximumQoS;
  const outcomes = packet.subscriptions.map((sub) => subscribeOne(ctx, session, sub, maximumQoS, id));
  // MQTT-3.8.4-1 / MQTT-3.8.4-2: SUBACK with the SUBSCRIBE's packetId.
  if (conn.v5 === undefined) {
    const returnCodes: SubackReturnCode[] = outcomes.map((o) => ('granted' in o ? o.granted : 0x80));
    sendTo(ctx, conn.connId, { type: 'SUBACK', packetId: packet.packetId, returnCodes });
  } else {
    // MQTT-3.8.4-6 / MQTT-3.9.3-1 (5.0): one Reason Code per filter, in order.
    const reasonCodes: SubackReasonCode[] = outcomes.map((o) => ('granted' in o ? o.granted : o.failed));
    const refused = packet.subscriptions.filter((_, i) => reasonCodes[i] !== undefined && (reasonCodes[i] as number) >= 0x80).map((sub) => sub.topicFilter);
    sendTo(ctx, conn.connId, { type: 'SUBACK', packetId: packet.packetId, reasonCodes,
      ...(refused.length === 0 ? {} : reasonStringOf(ctx, `refused: ${refused.join(', ')}`)) });
  }
  packet.subscriptions.forEach((sub, i) => {
    const outcome = outcomes[i];
    if (outcome === undefined || !('granted' in outcome)) return;
    const stored = session.subscriptions.find((s) => s.topicFilter === sub.topicFilter);
    if (stored === undefined) return;
    if (conn.v5 === undefined) sendRetained(ctx, session, { topicFilter: sub.topicFilter, qos: outcome.granted });
    else if (wantsRetained(ctx, session, stored, outcome.isNew)) sendRetained(ctx, session, stored);
  });
}

export function handleUnsubscribe(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession,
  packet: UnsubscribePacket): void {
  if (packet.topicFilters.length === 0) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.10.3-2', 'UNSUBSCRIBE without topic filters', conn.v5 ? 0x82 : undefined));
    return;
  }
  const reasonCodes: UnsubackReasonCode[] = [];
  for (const topicFilter of packet.topicFilters) {
    // MQTT-3.10.4-1: exact, character-by-character comparison; wildcards are not expanded.
    const before = session.subscriptions.length;
    session.subscriptions = session.subscriptions.filter((s) => s.topicFilter !== topicFilter);
    const existed = session.subscriptions.length < before;
    applyRule(ctx, { clientId: session.clientId, connId: conn.connId }, 'MQTT-3.10.4-1', 'broker.unsubscribed',
      { clientId: session.clientId, topicFilter, existed });
    reasonCodes.push(existed ? 0x00 : 0x11); // 5.0: 0x11 No subscription existed
  }
  // MQTT-3.10.4-4 / MQTT-3.10.4-5: UNSUBACK, same packetId, even if nothing matched.
  // MQTT-3.11.3-1 (5.0): one Reason Code per filter, in order.
  const none = packet.topicFilters.filter((_, i) => reasonCodes[i] === 0x11);
  sendTo(ctx, conn.connId, conn.v5 === undefined
    ? { type: 'UNSUBACK', packetId: packet.packetId }
    : { type: 'UNSUBACK', packetId: packet.packetId, reasonCodes, ...(none.length === 0 ? {} : reasonStringOf(ctx, `no subscription existed: ${none.join(', ')}`)) });
}
