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
  // MQTT 5.0 client (rule: the 5.0 statement id)
  'client.connack.refusedReason', // {reasonCode, reasonName}: 5.0 CONNACK with a Reason Code >= 0x80; we close (MQTT-3.2.2-7)
  'client.connack.limits',        // {receiveMaximum, maximumQoS, retainAvailable, topicAliasMaximum, maximumPacketSize}: the server's limits we keep to
  'client.clientId.assigned',     // {clientId}: the CONNACK's Assigned Client Identifier, used from now on (MQTT-3.2.2-16)
  'client.keepAlive.server',      // {keepAliveSec, requested}: the Server Keep Alive replaces ours (MQTT-3.1.2-21)
  'client.session.expired',       // {publishes, pubrels, awaitingPubrel, sessionExpiryInterval}: session state outlived its expiry; dropped (MQTT-3.1.2-23)
  'client.session.notPresent',    // {publishes, pubrels, awaitingPubrel}: 5.0 session present = 0: we discard our session state (MQTT-3.2.2-5)
  'client.publish.refused',       // {packetType, packetId, reasonCode, reasonName}: PUBACK/PUBREC >= 0x80: acknowledged, not re-sent (MQTT-4.4.0-2)
  'client.ack.notFound',          // {packetType, packetId}: PUBREL/PUBCOMP with 0x92 Packet Identifier not found; the exchange ends
  'client.topicAlias.set',        // {alias, topic}: inbound PUBLISH with a topic and a Topic Alias: the alias now stands for it (MQTT-3.3.2-10)
  'client.topicAlias.used',       // {alias, topic}: inbound PUBLISH with an empty topic: the alias gives it
  'client.disconnect.sent',       // {reasonCode, reasonName}: 5.0 DISCONNECT with a Reason Code, then close (MQTT-3.14.4-1)
  'client.disconnect.received',   // {reasonCode, reasonName, serverReference}: the server ended the connection with DISCONNECT
  'client.subscribe.refused',     // {topicFilter, reasonCode, reasonName}: a SUBACK Reason Code >= 0x80 for this filter (MQTT-3.9.3-1)
  'client.unsubscribe.refused',   // {topicFilter, reasonCode, reasonName}: an UNSUBACK Reason Code >= 0x80 for this filter (MQTT-3.11.3-1)
  'client.retry.notIn5',          // {}: 5.0 forbids re-sending on the same connection; retryOnTimeout is ignored (MQTT-4.4.0-1)
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
  // ---- broker, MQTT 5.0 (rule = the 5.0 statement id) ----
  'broker.connect.refusedReason', // {reasonCode, reason}: 5.0 CONNACK with a failure Reason Code, then close (MQTT-3.2.2-6)
  'broker.keepAlive.server',      // {clientId, requested, serverKeepAliveSec}: CONNACK's Server Keep Alive replaces the client's (MQTT-3.2.2-21)
  'broker.session.expiryScheduled', // {clientId, expirySec}: connection gone, session kept for its Session Expiry Interval (MQTT-3.1.2-23)
  'broker.session.expired',       // {clientId, expirySec}: Session Expiry Interval passed; session discarded (MQTT-3.1.2-23)
  'broker.session.expiryChanged', // {clientId, from, to}: DISCONNECT set a new Session Expiry Interval (3.14.2.2.2)
  'broker.will.delayed',          // {clientId, topic, delaySec}: will waits for its Will Delay Interval (MQTT-3.1.2-8)
  'broker.will.cancelled',        // {clientId, topic}: client back within the Will Delay Interval; no will (MQTT-3.1.3-9)
  'broker.will.requested',        // {clientId}: DISCONNECT 0x04 Disconnect with Will Message; the will is published
  'broker.disconnect.sent',       // {reasonCode}: DISCONNECT with the error's Reason Code before closing (MQTT-4.13.1-1)
  'broker.topicAlias.set',        // {alias, topic}: inbound Topic Alias now stands for this topic (MQTT-3.3.2-12)
  'broker.topicAlias.used',       // {alias, topic}: PUBLISH with an empty topic and a known alias (MQTT-3.3.2-12)
  'broker.noLocal.skipped',       // {clientId, topic, topicFilter}: No Local: not sent back to its publisher (MQTT-3.8.3-3)
  'broker.shared.delivered',      // {clientId, topic, topicFilter, members, qos}: one member of the shared group gets it (MQTT-4.8.2-3)
  'broker.retained.notSent',      // {clientId, topicFilter, retainHandling, shared}: Retain Handling 1/2, or shared: no retained (MQTT-3.3.1-10/11)
  'broker.message.expired',       // {clientId, topic, qos}: Message Expiry Interval passed before sending; deleted (MQTT-3.3.2-5)
  'broker.packet.tooLarge',       // {packetType, size, maximumPacketSize}: above the client's Maximum Packet Size; discarded as if sent (MQTT-3.1.2-25)
  'broker.publish.refused',       // {topic, packetId, reasonCode}: refusedTopics: PUBACK / PUBREC 0x87 Not authorized, not forwarded (MQTT-4.4.0-2)
  'broker.publish.refusedSilently', // {topic, qos}: refusedTopics, and no code to say it with (3.1.1, or QoS 0): acknowledged as usual, not forwarded (MQTT-3.3.5-2)
  'broker.pubrec.failed',         // {clientId, packetId, reasonCode, topic}: PUBREC 0x80+ ends the exchange, no PUBREL (MQTT-4.3.3-4)
] as const;

export type DecisionKey = (typeof DECISION_KEYS)[number];

export type { Params as DecisionParams } from './types';
