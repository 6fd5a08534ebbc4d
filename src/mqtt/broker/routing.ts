/**
 * Onward delivery of an application message the broker has taken ownership of: retained
 * message bookkeeping, then one copy per matching session.
 *
 * Rules this file keeps:
 * - RETAIN=1: store (replacing) the message and its QoS (MQTT-3.3.1-5, MQTT-3.3.1-7); an empty
 *   payload clears it and is not stored (MQTT-3.3.1-10, MQTT-3.3.1-11). RETAIN=0 leaves the
 *   retained store alone (MQTT-3.3.1-12).
 * - Each session gets one copy, at the highest QoS of its matching subscriptions
 *   (MQTT-3.3.5-1), downgraded to min(published, granted) (MQTT-3.8.4-6), with RETAIN=0 because
 *   it matches an established subscription (MQTT-3.3.1-9) and DUP=0 as a first send (MQTT-3.3.1-3).
 * - Sessions are visited in a fixed order (Map insertion), so runs are reproducible.
 *
 * MQTT 5.0 subscriptions (options stored with each, subscribe.ts):
 * - No Local: not sent back to the session that published it (MQTT-3.8.3-3).
 * - Retain As Published: RETAIN as published instead of 0 (MQTT-3.3.1-12, MQTT-3.3.1-13).
 * - The copy carries the Subscription Identifiers of every matching subscription (MQTT-3.3.4-3,
 *   MQTT-3.3.4-4).
 * - A shared subscription `$share/{group}/{filter}` (shared.ts) is served apart: each message
 *   goes to one member of each matching group, round robin (4.8.2), at that member's QoS.
 */
import type { QoS } from '../types';
import { topicMatches } from '../topic';
import type { BrokerContext } from './context';
import { applyRule } from './context';
import { deliverToSession } from './delivery';
import { deliverShared, sharedFilter } from './shared';
import type { BrokerMessage, BrokerSession } from './types';

function updateRetained(ctx: BrokerContext, message: BrokerMessage): void {
  if (!message.retain) return;
  const { retained } = ctx.state;
  if (message.payload.length === 0) {
    retained.delete(message.topic);
    applyRule(ctx, {}, 'MQTT-3.3.1-10', 'broker.retained.cleared', { topic: message.topic });
    return;
  }
  // Re-setting moves the topic to the end of the Map; delete first so order = last update.
  retained.delete(message.topic);
  retained.set(message.topic, { ...message, retain: true });
  applyRule(ctx, {}, message.qos === 0 ? 'MQTT-3.3.1-7' : 'MQTT-3.3.1-5', 'broker.retained.stored',
    { topic: message.topic, qos: message.qos });
}

function routeToSession(ctx: BrokerContext, session: BrokerSession, message: BrokerMessage, from?: string): boolean {
  // MQTT-3.3.5-1: the highest QoS of the matching subscriptions.
  let granted: QoS | undefined;
  let matches = 0;
  let retain = false;
  let ids: number[] | undefined;
  for (const sub of session.subscriptions) {
    if (!topicMatches(sub.topicFilter, message.topic) || sharedFilter(sub.topicFilter) !== undefined) continue;
    if (sub.noLocal === true && session.clientId === from) {
      // MQTT-3.8.3-3: No Local: never back to the client that published it.
      applyRule(ctx, { clientId: session.clientId, connId: session.connId }, 'MQTT-3.8.3-3', 'broker.noLocal.skipped',
        { clientId: session.clientId, topic: message.topic, topicFilter: sub.topicFilter });
      continue;
    }
    matches++;
    if (granted === undefined || sub.qos > granted) granted = sub.qos;
    // MQTT-3.3.1-13: Retain As Published keeps the flag the publisher set.
    if (sub.retainAsPublished === true && message.retain) retain = true;
    // MQTT-3.3.4-3 / MQTT-3.3.4-4: one copy, every matching subscription's identifier.
    if (sub.subscriptionIdentifier !== undefined) (ids ??= []).push(sub.subscriptionIdentifier);
  }
  if (granted === undefined) return false;
  if (matches > 1) {
    applyRule(ctx, { clientId: session.clientId, connId: session.connId }, 'MQTT-3.3.5-1', 'broker.overlap.maxQos',
      { clientId: session.clientId, topic: message.topic, matches, qos: granted });
  }
  const qos = Math.min(message.qos, granted) as QoS;
  if (qos < message.qos) {
    applyRule(ctx, { clientId: session.clientId, connId: session.connId }, 'MQTT-3.8.4-6', 'broker.downgrade',
      { clientId: session.clientId, topic: message.topic, from: message.qos, to: qos });
  }
  deliverToSession(ctx, session, copyFor(message, qos, retain, ids));
  return true;
}

/** One subscriber's copy: its QoS and RETAIN, and (5.0) the properties with its Subscription Identifiers. */
export function copyFor(message: BrokerMessage, qos: QoS, retain: boolean, ids?: number[]): BrokerMessage {
  const copy: BrokerMessage = { topic: message.topic, payload: message.payload, qos, retain };
  if (message.properties !== undefined || ids !== undefined) {
    copy.properties = ids === undefined ? { ...message.properties } : { ...message.properties, subscriptionIdentifiers: ids };
  }
  if (message.expiresAtMs !== undefined) copy.expiresAtMs = message.expiresAtMs;
  return copy;
}

/** Does any session subscribe to `topic` (for 0x10 No matching subscribers before delivery)? */
export function hasMatchingSubscribers(ctx: BrokerContext, topic: string): boolean {
  for (const session of ctx.state.sessions.values()) {
    if (session.subscriptions.some((sub) => topicMatches(sharedFilter(sub.topicFilter)?.filter ?? sub.topicFilter, topic))) return true;
  }
  return false;
}

/**
 * The broker owns `message` now (PUBLISH handled, PUBREL under Method A, or a will); `from` is the
 * publishing client (No Local). True when some subscriber got a copy.
 */
export function publishOnward(ctx: BrokerContext, message: BrokerMessage, from?: string): boolean {
  updateRetained(ctx, message);
  let delivered = false;
  for (const session of ctx.state.sessions.values()) {
    if (routeToSession(ctx, session, message, from)) delivered = true;
  }
  if (deliverShared(ctx, message)) delivered = true;
  if (!delivered) applyRule(ctx, {}, 'MQTT-4.5.0-1', 'broker.noSubscribers', { topic: message.topic });
  return delivered;
}
