/**
 * English narration: one sentence for every trace event (narrate.ts picks it), every engine
 * decision (by DecisionKey) and every simulator note (by note key). zh/narration.ts has the same
 * shape. Narration names the specification's rule where one applies (MQTT 3.1.1 numbering).
 */
import type { DecisionKey } from '../../mqtt/decisions';
import { secs } from '../format';
import type { NarrationParams as P, Template } from '../types';

const yes = (b: unknown) => (b ? 'yes' : 'no');

export const narrate = {
  appPublish: (p: P) => `The ${p.client}’s application publishes message #${p.publicationNo} “${p.payload}” to ${p.topic} at QoS ${p.qos}.`,
  CONNECT: (p: P) => `The ${p.from} opens its connection with CONNECT (clean session = ${yes(p.cleanSession)}, keep alive ${p.keepAliveSec} s).`,
  CONNACK: (p: P) => `The broker accepts the ${p.to} with CONNACK; session present = ${yes(p.sessionPresent)}.`,
  SUBSCRIBE: (p: P) => `The ${p.from} subscribes to ${p.filters} asking for QoS ${p.qos}: the subscriber chooses its QoS here, once per subscription.`,
  SUBACK: (p: P) => `The broker grants QoS ${p.granted} in SUBACK. From now on it sends matching messages at min(published QoS, ${p.granted}).`,
  PUBLISH0: (p: P) => `The ${p.from} sends PUBLISH at QoS 0: no packet id, no acknowledgement, nothing kept. If it is lost, it is gone (MQTT-4.3.1).`,
  PUBLISH1: (p: P) => `The ${p.from} sends PUBLISH QoS 1 with packet id ${p.packetId} and keeps it until a PUBACK comes back (MQTT-4.3.2-1).`,
  PUBLISH2: (p: P) => `The ${p.from} sends PUBLISH QoS 2 with packet id ${p.packetId} and keeps it until a PUBREC comes back (MQTT-4.3.3-1).`,
  PUBLISHdup: (p: P) => `The ${p.from} re-sends PUBLISH id ${p.packetId} with DUP = 1: it never saw the acknowledgement, and a re-sent PUBLISH must say so (MQTT-3.3.1-1).`,
  PUBACK: (p: P) => `The ${p.from} acknowledges packet ${p.packetId} with PUBACK; the ${p.to} can forget it (MQTT-4.3.2-2).`,
  PUBREC: (p: P) => `The ${p.from} answers with PUBREC ${p.packetId}: “received, and I hold the id”. Part one of QoS 2’s handshake (MQTT-4.3.3-2).`,
  ackSuccessReason: (p: P) => `The ${p.from} answers with ${p.type} ${p.packetId}, Reason Code ${p.code}. ${p.reason} Below 0x80 is a success: for the ${p.to} this ${p.type} settles packet ${p.packetId} like any other (MQTT 5.0, 3.4.2.1).`,
  ackFailed: (p: P) => `The ${p.from} answers with ${p.type} ${p.packetId}, Reason Code ${p.code}. ${p.reason} 0x80 or more is a failure: the exchange of packet ${p.packetId} ends here${p.type === 'PUBREC' ? ', no PUBREL follows,' : ''} and nothing is re-sent (MQTT 5.0, MQTT-4.4.0-2).`,
  PUBREL: (p: P) => `The ${p.from} releases packet ${p.packetId} with PUBREL: it has discarded the message and keeps only the id (MQTT-4.3.3-1).`,
  PUBCOMP: (p: P) => `The ${p.from} completes with PUBCOMP ${p.packetId}: the id is free again and the exchange is over (MQTT-4.3.3-2).`,
  PINGREQ: (p: P) => `The ${p.from} sends PINGREQ: nothing else to say, but the connection must prove it is alive (keep alive).`,
  PINGRESP: (p: P) => `The broker answers PINGRESP: the connection to the ${p.to} is alive.`,
  DISCONNECT: (p: P) => `The ${p.from} says goodbye with DISCONNECT; a will message is discarded (MQTT-3.14.4-3).`,
  UNSUBSCRIBE: (p: P) => `The ${p.from} unsubscribes with UNSUBSCRIBE.`,
  UNSUBACK: () => `The broker confirms with UNSUBACK.`,
  AUTH: (p: P) => `The ${p.from} sends AUTH: a step of MQTT 5.0’s extended authentication (3.15).`,
  resent: (p: P) => `The ${p.from} re-sends ${p.type} ${p.packetId}.`,
  delivered: (p: P) => `${p.type} from the ${p.from} reaches the ${p.to}.`,
  dropped: (p: P) => `${p.type} from the ${p.from} to the ${p.to} is lost (${p.cause}): the connection breaks with it in flight. TCP never loses one packet alone, so the whole connection goes.`,
  droppedAlone: (p: P) => `${p.type} from the ${p.from} to the ${p.to} is lost (${p.cause}), and only it: in the retry-on-timeout mode (older MQTT 3.1) the connection stays up, and whoever waits for an answer learns of the loss only when its timer runs out.`,
  droppedWithConnection: (p: P) => `${p.type} was still on that connection and is lost with it.`,
  connectionLost: (p: P) => `The connection between the ${p.client} and the broker is gone (${p.cause}). Whatever was unacknowledged must wait for a reconnect.`,
  connectionRestored: (p: P) => p.sessionPresent
    ? `The ${p.client} has reconnected and the broker still has its session (session present = 1): unfinished exchanges continue with the same packet ids.`
    : `The ${p.client} has reconnected with a fresh session (session present = 0).`,
  appDeliver: (p: P) => Number(p.deliveryNo) > 1
    ? `The ${p.client}’s application receives message #${p.publicationNo} “${p.payload}” AGAIN: delivery number ${p.deliveryNo}, a duplicate.`
    : `The ${p.client}’s application receives message #${p.publicationNo} “${p.payload}” (QoS ${p.qos}).`,
  appDeliverWill: (p: P) => `The ${p.client}’s application receives a will message “${p.payload}” on ${p.topic}: the broker published it because ${p.publisher ? `the ${p.publisher}’s` : 'a publisher’s'} connection ended without DISCONNECT (MQTT-3.1.2-8). It is not a copy of any publication.`,
  timer: (p: P) => `A timer of the ${p.actor} fires.`,
  timers: {
    retry: (p: P) => `The ${p.actor}’s retry timer fires: something it sent is still unanswered.`,
    keepAlive: (p: P) => `The ${p.actor}’s keep-alive timer fires: it has sent nothing for a while, so it sends PINGREQ.`,
    keepAliveExpired: (p: P) => `The ${p.actor}’s keep-alive timer fires with nothing heard in time: it gives the connection up.`,
    other: (p: P) => `A timer of the ${p.actor} fires.`,
  } as Record<string, Template>,
  note: (p: P) => `${p.text}`,
  cause: {
    drop: 'a packet was dropped', keepAlive: 'keep-alive timeout', reset: 'connection reset', protocolError: 'protocol error',
    takeover: 'another connection took over', offline: 'the client went offline', brokerRestart: 'the broker restarted',
  } as Record<string, string>,
  dropCause: { rule: 'a drop rule', loss: 'link loss', intervention: 'dropped on request', connectionBroken: 'its connection broke' } as Record<string, string>,
};

export const decisions = {
  'client.connack.refused': (p: P) => `The broker refused the connection (return code ${p.returnCode}); the client closes it.`,
  'client.session.resumed': (p: P) => `The session is still there, so the client re-sends what was unfinished, in order: ${p.publishes} PUBLISH and ${p.pubrels} PUBREL (MQTT-4.4.0-1).`,
  'client.session.discarded': (p: P) => `Clean session: the client throws away ${p.publishes} unacknowledged PUBLISH and ${p.pubrels} PUBREL (MQTT-3.1.2-6).`,
  'client.session.lostByBroker': () => `The broker lost this session (session present = 0), so the client re-sends anyway.`,
  'client.resend.publish': (p: P) => p.reason === 'timeout'
    ? `No acknowledgement for packet ${p.packetId} within the retry timeout: the client re-sends the PUBLISH on the same connection, as MQTT 3.1 did, with DUP = 1 because it is a re-delivery (MQTT-3.3.1-1).`
    : `Reconnected with its session: the client re-sends unacknowledged PUBLISH ${p.packetId} with the same packet id and DUP = 1 (MQTT-4.4.0-1).`,
  'client.resend.pubrel': (p: P) => p.reason === 'timeout'
    ? `No PUBCOMP for PUBREL ${p.packetId} within the retry timeout: the client sends the PUBREL again on the same connection, as MQTT 3.1 did.`
    : p.reason === 'duplicatePubrec'
      ? `PUBREC ${p.packetId} came again, so the client answers with PUBREL again: the exchange must still be completed (MQTT-4.3.3-1).`
      : `Reconnected with its session: the client re-sends PUBREL ${p.packetId} to complete the exchange (MQTT-4.4.0-1).`,
  'client.resend.request': (p: P) => `No answer to ${p.packetType} ${p.packetId} in time: it is sent again on the same connection (the MQTT 3.1 retry-on-timeout mode).`,
  'client.queued': (p: P) => `The client keeps a QoS ${p.qos} message for ${p.topic} until it can send it (${p.queued} waiting).`,
  'client.qos0.dropped': (p: P) => `A QoS 0 message for ${p.topic} published while disconnected is simply dropped (MQTT-4.3.1).`,
  'client.qos1.duplicate': (p: P) => `QoS 1 PUBLISH ${p.packetId} comes with DUP = 1: the broker re-sent it because it saw no PUBACK. The subscriber cannot tell a re-send from a new message (DUP = 1 says only that the sender may have sent it before), so it delivers it and answers PUBACK (MQTT-4.3.2-2).`,
  'client.qos2.stored': (p: P) => `The subscriber remembers packet id ${p.packetId} until PUBREL and delivers the message once.`,
  'client.qos2.duplicate': (p: P) => `Packet id ${p.packetId} is still held, so this PUBLISH is a re-send: PUBREC again, no second delivery (MQTT-4.3.3-2).`,
  'client.qos2.released': (p: P) => `PUBREL ${p.packetId}: the subscriber forgets the id and answers PUBCOMP.`,
  'client.ack.unknown': (p: P) => `${p.packetType} ${p.packetId} matches nothing in flight; it is ignored.`,
  'client.keepAlive.timeout': (p: P) => `No ${p.waitingFor} within keep alive (${p.keepAliveSec} s): the client treats the connection as lost.`,
  'client.protocolError': (p: P) => `The broker broke the protocol (${p.message}); the client closes the connection (MQTT-4.8.0-1).`,
  'client.resubscribe': (p: P) => `The session is new, so the client subscribes again to ${p.topicFilters}.`,
  'client.request.rejected': (p: P) => `The request for ${p.topic} is refused: ${p.reason}.`,
  // MQTT 5.0 client (statement ids of MQTT 5.0)
  'client.connack.refusedReason': (p: P) => `The broker refused the connection with CONNACK Reason Code ${p.reasonCode} (${p.reasonName}): a code of 0x80 or more means refused, so the client closes the connection (MQTT 5.0, MQTT-3.2.2-7).`,
  'client.connack.limits': (p: P) => `The broker’s CONNACK sets limits the client keeps to: at most ${p.receiveMaximum} unacknowledged QoS 1/2 PUBLISH (Receive Maximum), QoS ${p.maximumQoS} at most, retained messages ${p.retainAvailable ? 'allowed' : 'not available'}, Topic Alias Maximum ${p.topicAliasMaximum}, packets up to ${p.maximumPacketSize} bytes (MQTT 5.0, MQTT-3.3.4-7, MQTT-3.2.2-11, MQTT-3.2.2-14, MQTT-3.2.2-15).`,
  'client.clientId.assigned': (p: P) => `The client sent an empty client id; the broker assigned ${p.clientId}, which the client uses from now on (MQTT 5.0, MQTT-3.2.2-16).`,
  'client.keepAlive.server': (p: P) => `The broker imposes a keep alive of ${p.keepAliveSec} s (Server Keep Alive) instead of the ${p.requested} s the client asked for; the client follows it (MQTT 5.0, MQTT-3.1.2-21).`,
  'client.session.expired': (p: P) => `The session’s expiry interval (${p.sessionExpiryInterval} s) has run out since the connection ended: the client drops ${p.publishes} unacknowledged PUBLISH, ${p.pubrels} PUBREL and ${p.awaitingPubrel} held QoS 2 ids (MQTT 5.0, MQTT-3.1.2-23).`,
  'client.session.notPresent': (p: P) => `Session present = 0 although the client kept a session: in MQTT 5.0 it must discard its own session state (${p.publishes} PUBLISH, ${p.pubrels} PUBREL, ${p.awaitingPubrel} held QoS 2 ids), unlike the 3.1.1 client, which re-sends (MQTT-3.2.2-5).`,
  'client.publish.refused': (p: P) => `${p.packetType} ${p.packetId} carries Reason Code ${p.reasonCode} (${p.reasonName}): the broker refused the message. The exchange is over, the packet id is free and the PUBLISH is never re-sent${p.packetType === 'PUBREC' ? ', and no PUBREL follows' : ''} (MQTT 5.0, MQTT-4.4.0-2).`,
  'client.ack.notFound': (p: P) => `${p.packetType} ${p.packetId} carries Reason Code 0x92 (Packet Identifier not found): the other side had already forgotten this exchange, so it ends here.`,
  'client.topicAlias.set': (p: P) => `The PUBLISH names topic ${p.topic} and Topic Alias ${p.alias}: on this connection the alias now stands for that topic (MQTT 5.0, MQTT-3.3.2-10).`,
  'client.topicAlias.used': (p: P) => `The PUBLISH has an empty topic and Topic Alias ${p.alias}: the client reads it as ${p.topic}.`,
  'client.disconnect.sent': (p: P) => `The client sends DISCONNECT with Reason Code ${p.reasonCode} (${p.reasonName}) and closes the connection; it sends nothing more on it (MQTT 5.0, MQTT-3.14.4-1).`,
  'client.disconnect.received': (p: P) => `The broker ended the connection with DISCONNECT, Reason Code ${p.reasonCode} (${p.reasonName})${p.serverReference ? `, pointing to ${p.serverReference}` : ''}; the client closes it.`,
  'client.subscribe.refused': (p: P) => `SUBACK refuses the subscription to ${p.topicFilter}: Reason Code ${p.reasonCode} (${p.reasonName}) (MQTT 5.0, MQTT-3.9.3-1).`,
  'client.unsubscribe.refused': (p: P) => `UNSUBACK refuses to remove ${p.topicFilter}: Reason Code ${p.reasonCode} (${p.reasonName}) (MQTT 5.0, MQTT-3.11.3-1).`,
  'client.retry.notIn5': () => `MQTT 5.0 forbids re-sending on the same connection: the retry-on-timeout mode is off, and unacknowledged messages are re-sent only after reconnecting with the session (MQTT 5.0, MQTT-4.4.0-1).`,
  'broker.connect.refused': (p: P) => `The broker refuses the connection (return code ${p.returnCode}: ${p.reason}).`,
  'broker.clientId.assigned': (p: P) => `The client sent no id, so the broker assigns ${p.clientId} (MQTT-3.1.3-6).`,
  'broker.takeover': (p: P) => `${p.clientId} connected again: the broker closes the old connection (MQTT-3.1.4-2).`,
  'broker.session.created': (p: P) => `The broker starts a new session for ${p.clientId} (clean session = ${yes(p.cleanSession)}).`,
  'broker.session.resumed': (p: P) => `The broker still has ${p.clientId}’s session: ${p.publishes} PUBLISH, ${p.pubrels} PUBREL and ${p.queued} queued messages to continue.`,
  'broker.session.discarded': (p: P) => `The broker throws away ${p.clientId}’s session: ${SESSION_END[String(p.reason)] ?? p.reason} (MQTT-3.1.2-6).`,
  'broker.resend.publish': (p: P) => p.reason === 'timeout'
    ? `No acknowledgement from ${p.clientId} for packet ${p.packetId} within the retry timeout: the broker re-sends the PUBLISH on the same connection, as MQTT 3.1 did, with DUP = 1 because it is a re-delivery (MQTT-3.3.1-1).`
    : `${p.clientId} reconnected to its session: the broker re-sends unacknowledged PUBLISH ${p.packetId} with the same packet id and DUP = 1 (MQTT-4.4.0-1).`,
  'broker.resend.pubrel': (p: P) => p.reason === 'timeout'
    ? `No PUBCOMP from ${p.clientId} for PUBREL ${p.packetId} within the retry timeout: the broker sends the PUBREL again on the same connection, as MQTT 3.1 did.`
    : p.reason === 'duplicatePubrec'
      ? `PUBREC ${p.packetId} came again from ${p.clientId}, so the broker answers with PUBREL again (MQTT-4.3.3-1).`
      : `${p.clientId} reconnected to its session: the broker re-sends PUBREL ${p.packetId} to complete the exchange (MQTT-4.4.0-1).`,
  'broker.queued.offline': (p: P) => `${p.clientId} is offline: the broker keeps the QoS ${p.qos} message in its session (${p.queued} queued, MQTT-3.1.2-5).`,
  'broker.queued.window': (p: P) => `${p.clientId} already has messages in flight; this one waits (${p.queued} queued).`,
  'broker.queue.full': (p: P) => `${p.clientId}’s queue is full (${p.maxQueued}); the message is dropped for it.`,
  'broker.offline.qos0Dropped': (p: P) => `${p.clientId} is offline and QoS 0 is never stored: the message for ${p.topic} is gone.`,
  'broker.noSubscribers': (p: P) => `Nobody subscribes to ${p.topic}: the message goes nowhere.`,
  'broker.qos1.duplicate': (p: P) => `QoS 1 PUBLISH ${p.packetId} comes with DUP = 1: the publisher re-sent it because it saw no PUBACK. The broker cannot tell a re-send from a new message, so it takes it as a new publication and forwards it (MQTT-4.3.2-2).${FIRST_COPY[String(p.hadFirstCopy)] ?? ''}`,
  'broker.qos2.stored': (p: P) => p.method === 'A'
    ? `Method A: the broker stores the message under id ${p.packetId} and forwards it only when PUBREL arrives.`
    : `Method B: the broker stores packet id ${p.packetId} and forwards the message at once; the id blocks a second copy.`,
  'broker.qos2.released': (p: P) => p.method === 'A'
    ? `PUBREL ${p.packetId}: method A forwards the stored message now and answers PUBCOMP.`
    : `PUBREL ${p.packetId}: method B forgets the id and answers PUBCOMP.`,
  'broker.duplicate.reacked': (p: P) => `Packet id ${p.packetId} is still waiting for PUBREL, so this PUBLISH is a re-send: PUBREC again, not forwarded again (MQTT-4.3.3-2).`,
  'broker.downgrade': (p: P) => `${p.clientId} subscribed at QoS ${p.to}, so the broker forwards this QoS ${p.from} message at QoS ${p.to} (MQTT-3.8.4-6).`,
  'broker.overlap.maxQos': (p: P) => `${p.matches} subscriptions of ${p.clientId} match ${p.topic}: one copy at the highest QoS, ${p.qos} (MQTT-3.3.5-1).`,
  'broker.retained.stored': (p: P) => `RETAIN = 1: the broker keeps this message for future subscribers of ${p.topic} (MQTT-3.3.1-5).`,
  'broker.retained.cleared': (p: P) => `An empty retained message clears the one kept for ${p.topic} (MQTT-3.3.1-10).`,
  'broker.retained.sent': (p: P) => `${p.clientId} just subscribed: the broker sends it the retained message of ${p.topic} (MQTT-3.3.1-6).`,
  'broker.subscribe.granted': (p: P) => `${p.clientId} asked for QoS ${p.requested} on ${p.topicFilter}; the broker grants QoS ${p.granted}.`,
  'broker.subscribe.replaced': (p: P) => `${p.clientId} subscribed to ${p.topicFilter} again: QoS ${p.from} is replaced by ${p.to} (MQTT-3.8.4-3).`,
  'broker.subscribe.refused': (p: P) => `The broker refuses ${p.clientId}’s subscription to ${p.topicFilter} (SUBACK 0x80).`,
  'broker.unsubscribed': (p: P) => `${p.clientId} no longer subscribes to ${p.topicFilter} (MQTT-3.10.4-1).`,
  'broker.will.published': (p: P) => `${p.clientId} vanished without DISCONNECT: the broker publishes its will to ${p.topic} (MQTT-3.1.2-8).`,
  'broker.will.discarded': (p: P) => `${p.clientId} said DISCONNECT: its will is discarded unpublished (MQTT-3.14.4-3).`,
  'broker.keepAlive.timeout': (p: P) => `Nothing heard from ${p.clientId} for 1.5 × keep alive: the broker closes the connection (MQTT-3.1.2-24).`,
  'broker.protocolError': (p: P) => `The client broke the protocol (${p.message}); the broker closes the connection (MQTT-4.8.0-1).`,
  'broker.ack.unknown': (p: P) => `${p.packetType} ${p.packetId} matches nothing in flight; the broker ignores it.`,
  'broker.restarted': (p: P) => p.keepSessions
    ? `The broker restarts and keeps its ${p.sessions} sessions and ${p.retained} retained messages.`
    : `The broker restarts and loses its sessions: everything it held in flight is gone.`,
  // MQTT 5.0 broker (MQTT 5.0 statement ids)
  'broker.connect.refusedReason': (p: P) => `The broker refuses the MQTT 5.0 connection with CONNACK Reason Code ${p.reasonCode} (${p.reason}), Session Present 0, then closes (MQTT 5.0, MQTT-3.2.2-6).`,
  'broker.keepAlive.server': (p: P) => `The broker imposes its own keep alive: ${p.serverKeepAliveSec} s instead of the ${p.requested} s ${p.clientId} asked for, announced as Server Keep Alive in CONNACK (MQTT 5.0, MQTT-3.2.2-21).`,
  'broker.session.expiryScheduled': (p: P) => (p.expirySec === 0xFFFF_FFFF
    ? `${p.clientId}’s connection is gone, but its session lives on: its Session Expiry Interval is 4294967295, which means it never expires (MQTT 5.0, 3.1.2.11.2).`
    : `${p.clientId}’s connection is gone, but its session lives on for its Session Expiry Interval of ${p.expirySec} s (MQTT 5.0, MQTT-3.1.2-23).`),
  'broker.session.expired': (p: P) => `${p.clientId} did not come back within ${p.expirySec} s: its session expires and the broker discards everything it held (MQTT 5.0, MQTT-3.1.2-23).`,
  'broker.session.expiryChanged': (p: P) => `${p.clientId}’s DISCONNECT changes its Session Expiry Interval from ${p.from} s to ${p.to} s.`,
  'broker.will.delayed': (p: P) => `${p.clientId} is gone without a normal DISCONNECT: its will for ${p.topic} waits ${p.delaySec} s (Will Delay Interval) in case it comes back (MQTT 5.0, MQTT-3.1.2-8).`,
  'broker.will.cancelled': (p: P) => `${p.clientId} reconnected within the Will Delay Interval: its will for ${p.topic} is not published (MQTT 5.0, MQTT-3.1.3-9).`,
  'broker.will.requested': (p: P) => `${p.clientId} disconnects with Reason Code 0x04, Disconnect with Will Message: the broker publishes its will anyway.`,
  'broker.disconnect.sent': (p: P) => `The broker tells the client why it closes: DISCONNECT with Reason Code ${p.reasonCode} (MQTT 5.0, MQTT-4.13.1-1).`,
  'broker.topicAlias.set': (p: P) => `This PUBLISH carries topic ${p.topic} and Topic Alias ${p.alias}: on this connection the alias now stands for that topic (MQTT 5.0, MQTT-3.3.2-12).`,
  'broker.topicAlias.used': (p: P) => `This PUBLISH has an empty topic and Topic Alias ${p.alias}: the broker reads it as ${p.topic} (MQTT 5.0, MQTT-3.3.2-12).`,
  'broker.noLocal.skipped': (p: P) => `${p.clientId} published to ${p.topic} itself and subscribed to ${p.topicFilter} with No Local: the broker does not send it back (MQTT 5.0, MQTT-3.8.3-3).`,
  'broker.shared.delivered': (p: P) => `${p.topic} matches the shared subscription ${p.topicFilter}: of its ${p.members} members only ${p.clientId} gets this message, at QoS ${p.qos} (MQTT 5.0, MQTT-4.8.2-3).`,
  'broker.retained.notSent': (p: P) => p.shared
    ? `${p.topicFilter} is a shared subscription: retained messages are not sent to it.`
    : `${p.clientId} subscribed to ${p.topicFilter} with Retain Handling ${p.retainHandling}: no retained messages now (MQTT 5.0, ${p.retainHandling === 1 ? 'MQTT-3.3.1-10: only for a new subscription' : 'MQTT-3.3.1-11'}).`,
  'broker.message.expired': (p: P) => `The message for ${p.topic} waited longer than its Message Expiry Interval: the broker deletes it instead of sending it to ${p.clientId} (MQTT 5.0, MQTT-3.3.2-5).`,
  'broker.packet.tooLarge': (p: P) => `This ${p.packetType} would be ${p.size} bytes, more than the client’s Maximum Packet Size of ${p.maximumPacketSize}: the broker discards it as if it had been sent (MQTT 5.0, MQTT-3.1.2-25).`,
  'broker.publish.refusedSilently': (p: P) => `The broker does not allow publishing to ${p.topic}, and has no way to say so: ${p.qos === 0 ? 'a QoS 0 PUBLISH gets no answer at all' : 'a 3.1.1 acknowledgement carries no code'}. It ${p.qos === 0 ? 'drops it' : 'acknowledges it as usual'} and forwards it to no one (MQTT-3.3.5-2). The publisher believes it was accepted.`,
  'broker.publish.refused': (p: P) => `The broker does not allow publishing to ${p.topic}: it answers packet ${p.packetId} with Reason Code ${p.reasonCode} Not authorized and forwards it to no one. The exchange ends here; the publisher gives the message up (MQTT 5.0, MQTT-4.4.0-2).`,
  'broker.pubrec.failed': (p: P) => `${p.clientId} answers PUBREC ${p.packetId} with Reason Code ${p.reasonCode}: it refuses the message. The exchange ends here, no PUBREL, and the message goes to no one else (MQTT 5.0, MQTT-4.3.3-4).`,
} satisfies Record<DecisionKey, Template>;

/** Simulator notes (trace 'note' events), by key. */
export const notes = {
  'fault.break': (p: P) => `Fault: the ${p.client}’s connection is cut here, as if the network had reset it.`,
  'fault.offline': (p: P) => `Fault: the ${p.client} goes offline for ${secs(p.forMs)} s and cannot reconnect before then.`,
  'fault.brokerRestart.persist': () => `Fault: the broker restarts here. It keeps its sessions, so the clients continue where they stopped once they reconnect.`,
  'fault.brokerRestart.lost': () => `Fault: the broker restarts here and keeps nothing: its sessions and everything it held in flight are gone.`,
  'connection.backoff': (p: P) => `The ${p.client}’s ${Number(p.attempts) === 1 ? 'last attempt' : `last ${p.attempts} attempts in a row`} failed before CONNACK, so it waits longer before trying again: ${secs(p.delayMs)} s (exponential back-off with jitter, as Paho and MQTT.js do).`,
  'run.unsettled': (p: P) => `The run stopped at its bound of ${p.steps} steps without settling: ${p.published} of ${p.total} messages published${Number(p.lossPercent) > 0 ? ` over a link losing ${p.lossPercent} % of packets` : ''}, ${p.breaks} connection breaks${unsettledWhy(p)}. What is shown is unfinished, and no delivery guarantee is claimed for it.`,
} satisfies Record<string, Template>;

/** What the trace knows and the broker cannot (narrate.ts passes `hadFirstCopy` when it knows). */
const FIRST_COPY: Record<string, string> = {
  true: ' This time it did have the first copy (it was the PUBACK that did not get back), so this one is a duplicate: subscribers may get the message twice.',
  false: ' This time the first copy never reached the broker: this is the first it sees of the message.',
};

const SESSION_END: Record<string, string> = {
  cleanSession: 'the client asked for a clean session', connectionClosed: 'its clean-session connection ended', restart: 'the broker restarted',
};

function unsettledWhy(p: P): string {
  if (Number(p.breaks) === 0) return '';
  return Number(p.maxInflight) > 1
    ? `; with up to ${p.maxInflight} messages in flight, each reconnect re-sends the whole window, and the next break tends to come before it gets through`
    : '; the connections broke faster than the messages got through';
}
