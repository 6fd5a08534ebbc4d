/**
 * Every decision the engines narrate, as a stable message key.
 *
 * A `ruleApplied` output carries `rule` (the MQTT 3.1.1 normative id, e.g. 'MQTT-4.3.3-2', or a
 * section like 'MQTT-4.4' where the spec has no numbered statement), `key` (one of these) and
 * `params`. The UI turns key + params into English or Chinese prose (ui/i18n/); tests and state
 * tables read the params. Keys are public API: add freely, never rename.
 * Each comment lists the params the key carries (all keys of broker outputs may also carry
 * the output's own `connId` / `clientId`).
 */
export const DECISION_KEYS = [
  // ---- client session ----
  'client.connack.refused',       // {returnCode}: CONNACK with a non-zero return code; we close
  'client.session.resumed',       // {publishes, pubrels}: CONNACK sessionPresent=1, re-sending in order (MQTT-4.4.0-1)
  'client.session.discarded',     // {publishes, pubrels, awaitingPubrel}: cleanSession=1 drops unacknowledged state (MQTT-3.1.2-6)
  'client.session.lostByBroker',  // {publishes, pubrels, awaitingPubrel}: cleanSession=0 but sessionPresent=0; we re-send anyway
  'client.resend.publish',        // {packetId, qos, reason: 'reconnect'|'timeout'}: PUBLISH re-sent with DUP=1
  'client.resend.pubrel',         // {packetId, reason: 'reconnect'|'timeout'|'duplicatePubrec'}: PUBREL re-sent
  'client.resend.request',        // {packetType: 'SUBSCRIBE'|'UNSUBSCRIBE', packetId}: re-sent after the retry timeout (MQTT 3.1 mode)
  'client.queued',                // {topic, qos, queued, reason: 'offline'|'window'}: QoS 1/2 waits for a connection or window room
  'client.qos0.dropped',          // {topic}: QoS 0 published while not connected is not kept (MQTT-4.3.1)
  'client.qos1.duplicate',        // {packetId}: a QoS 1 PUBLISH with DUP=1 is delivered like any other (at least once, MQTT-4.3.2-2)
  'client.qos2.stored',           // {packetId}: inbound QoS 2 id held until PUBREL (Method B), message delivered once
  'client.qos2.duplicate',        // {packetId}: PUBLISH with a held id: PUBREC again, not delivered again (MQTT-4.3.3-2)
  'client.qos2.released',         // {packetId, known}: PUBREL received, id forgotten, PUBCOMP sent
  'client.ack.unknown',           // {packetType, packetId}: an acknowledgement for nothing we sent; ignored
  'client.keepAlive.timeout',     // {keepAliveSec, waitingFor: 'PINGRESP'|'CONNACK'}: no answer in time; connection considered lost
  'client.protocolError',         // {message}: the broker broke the protocol; we close (MQTT-4.8.0-1)
  'client.resubscribe',           // {topicFilters}: sessionPresent=0, subscriptions sent again (what MQTT.js does)
  'client.request.rejected',      // {reason, topic}: the application asked for something the protocol forbids
  // ---- broker ----
  'broker.connect.refused',       // {returnCode, reason}: CONNACK with a non-zero return code, then close
  'broker.clientId.assigned',     // {clientId}: empty client id with cleanSession=1 gets a unique one (MQTT-3.1.3-6)
  'broker.takeover',              // {clientId, oldConnId}: same client id connected again; old connection closed (MQTT-3.1.4-2)
  'broker.session.created',       // {clientId, cleanSession}: a new session starts; sessionPresent=0
  'broker.session.resumed',       // {clientId, publishes, pubrels, queued}: cleanSession=0 and a stored session; sessionPresent=1
  'broker.session.discarded',     // {clientId, reason: 'cleanSession'|'connectionClosed'|'restart'}: session state thrown away (MQTT-3.1.2-6)
  'broker.resend.publish',        // {clientId, packetId, qos, reason: 'reconnect'|'timeout'}: PUBLISH re-sent with DUP=1
  'broker.resend.pubrel',         // {clientId, packetId, reason: 'reconnect'|'timeout'|'duplicatePubrec'}: PUBREL re-sent
  'broker.queued.offline',        // {clientId, topic, qos, queued}: subscriber offline, QoS 1/2 kept in its session (MQTT-3.1.2-5)
  'broker.queued.window',         // {clientId, topic, qos, queued}: subscriber's in-flight window full, message waits
  'broker.queue.full',            // {clientId, topic, maxQueued}: offline queue full, message dropped for this subscriber
  'broker.offline.qos0Dropped',   // {clientId, topic}: QoS 0 for an offline subscriber is not stored
  'broker.noSubscribers',         // {topic}: nobody subscribed; the message goes nowhere
  'broker.qos1.duplicate',        // {packetId}: QoS 1 PUBLISH with DUP=1 is a new publication, forwarded (MQTT-4.3.2-2)
  'broker.qos2.stored',           // {packetId, method: 'A'|'B'}: A stores the message, B stores the id and forwards at once
  'broker.qos2.released',         // {packetId, method, known}: PUBREL: A forwards now, B forgets the id; PUBCOMP sent
  'broker.duplicate.reacked',     // {packetId}: PUBLISH with an id awaiting PUBREL: PUBREC again, not forwarded (MQTT-4.3.3-2)
  'broker.downgrade',             // {clientId, topic, from, to}: delivered QoS = min(published, granted) (MQTT-3.8.4-6)
  'broker.overlap.maxQos',        // {clientId, topic, matches, qos}: overlapping subscriptions, one copy at the highest QoS (MQTT-3.3.5-1)
  'broker.retained.stored',       // {topic, qos}: RETAIN=1 message stored for future subscribers (MQTT-3.3.1-5)
  'broker.retained.cleared',      // {topic}: RETAIN=1 with empty payload removes the retained message (MQTT-3.3.1-10)
  'broker.retained.sent',         // {clientId, topic, qos}: retained message sent with RETAIN=1 on subscribe (MQTT-3.3.1-6)
  'broker.subscribe.granted',     // {clientId, topicFilter, requested, granted}
  'broker.subscribe.replaced',    // {clientId, topicFilter, from, to}: same filter again replaces the subscription (MQTT-3.8.4-3)
  'broker.subscribe.refused',     // {clientId, topicFilter, reason: 'refused'|'invalid'}: SUBACK 0x80 for this filter
  'broker.unsubscribed',          // {clientId, topicFilter, existed}: UNSUBSCRIBE handled (MQTT-3.10.4-1)
  'broker.will.published',        // {clientId, topic, qos, retain, cause}: connection ended without DISCONNECT (MQTT-3.1.2-8)
  'broker.will.discarded',        // {clientId}: DISCONNECT received, will dropped unpublished (MQTT-3.14.4-3)
  'broker.keepAlive.timeout',     // {clientId, keepAliveSec, silentMs}: nothing heard for 1.5x keep alive (MQTT-3.1.2-24)
  'broker.protocolError',         // {message}: the client broke the protocol; connection closed (MQTT-4.8.0-1)
  'broker.ack.unknown',           // {packetType, packetId}: an acknowledgement for nothing in flight; ignored
  'broker.restarted',             // {keepSessions, sessions, retained}: broker process restarted
] as const;

export type DecisionKey = (typeof DECISION_KEYS)[number];

export type { Params as DecisionParams } from './types';
