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
 */
import type { AppMessage, QoS } from '../types';
import { topicMatches } from '../topic';
import type { BrokerContext } from './context';
import { applyRule } from './context';
import { deliverToSession } from './delivery';
import type { BrokerSession } from './types';

function updateRetained(ctx: BrokerContext, message: AppMessage): void {
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

function routeToSession(ctx: BrokerContext, session: BrokerSession, message: AppMessage): boolean {
  // MQTT-3.3.5-1: the highest QoS of the matching subscriptions.
  let granted: QoS | undefined;
  let matches = 0;
  for (const sub of session.subscriptions) {
    if (!topicMatches(sub.topicFilter, message.topic)) continue;
    matches++;
    if (granted === undefined || sub.qos > granted) granted = sub.qos;
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
  deliverToSession(ctx, session, { topic: message.topic, payload: message.payload, qos, retain: false });
  return true;
}

/** The broker owns `message` now (PUBLISH handled, PUBREL under Method A, or a will). */
export function publishOnward(ctx: BrokerContext, message: AppMessage): void {
  updateRetained(ctx, message);
  let delivered = false;
  for (const session of ctx.state.sessions.values()) {
    if (routeToSession(ctx, session, message)) delivered = true;
  }
  if (!delivered) applyRule(ctx, {}, 'MQTT-4.5.0-1', 'broker.noSubscribers', { topic: message.topic });
}
