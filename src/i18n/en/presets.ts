/**
 * English titles and teaching texts of the built-in scenarios, by preset id (the scenarios
 * themselves are in src/sim/scenarios/, which holds no prose). Shown by the scenario picker and
 * printed by the CLI's --list-presets; catalog.test.ts checks that every preset has both.
 */
import type { PresetWords } from '../types';

// A text several presets share: the same lesson, seen on either hop.
const RESEND = 'The connection breaks with the packet in flight. The client reconnects with its session (clean session 0) and the unacknowledged PUBLISH is sent again with DUP=1 and the same packet id.';
const DUPLICATE = 'The message already arrived, only the acknowledgement was lost. After reconnecting, the sender re-sends the PUBLISH with DUP=1, and at QoS 1 the receiver has no way to tell: a duplicate is delivered.';
const Q2_PUBREC = 'PUBREC is lost, so the sender re-sends the PUBLISH (DUP=1). The receiver still holds the packet id awaiting PUBREL: it answers PUBREC again and does not deliver a second time. Exactly once holds.';
const Q2_PUBREL = 'PUBREL is lost. After reconnecting, the sender re-sends PUBREL (not the PUBLISH: the message is already acknowledged by PUBREC). The receiver releases the id and answers PUBCOMP.';
const Q2_PUBCOMP = 'PUBCOMP is lost, the last step. The sender still awaits it, so after reconnecting it re-sends PUBREL; the receiver, which already released the id, simply answers PUBCOMP again.';

export const presets = {
  // The lesson’s flows: one message, publisher QoS / subscriber QoS.
  'pub0-sub0': {
    title: 'Publisher QoS 0 / Subscriber QoS 0',
    text: 'At most once: one PUBLISH per hop and no acknowledgement. Fast and cheap; if the connection breaks, the message is simply gone. Fine for a sensor that sends again soon.',
  },
  'pub1-sub1': {
    title: 'Publisher QoS 1 / Subscriber QoS 1',
    text: 'At least once: every PUBLISH is kept until a PUBACK comes back. Arrival is ensured, but a lost PUBACK means the PUBLISH is sent again, so duplicates can happen.',
  },
  'pub2-sub2': {
    title: 'Publisher QoS 2 / Subscriber QoS 2',
    text: 'Exactly once: a four-step handshake per hop (PUBLISH, PUBREC, PUBREL, PUBCOMP). The receiver remembers the packet id until PUBREL, so a re-sent PUBLISH is never delivered twice.',
  },
  'pub2-sub0': {
    title: 'Publisher QoS 2 / Subscriber QoS 0',
    text: 'Downgrade: the publisher sends at QoS 2, the subscriber asked for QoS 0. QoS belongs to each client-broker hop: PUBREC, PUBREL and PUBCOMP appear only on the publisher\'s side; the broker forwards at min(2, 0) = 0.',
  },
  'pub0-sub2': {
    title: 'Publisher QoS 0 / Subscriber QoS 2',
    text: 'The subscriber asked for QoS 2 but the message was published at QoS 0: the broker can only forward at min(0, 2) = 0. A subscription never raises the publisher\'s QoS.',
  },
  'pub2-sub1': {
    title: 'Publisher QoS 2 / Subscriber QoS 1',
    text: 'QoS 2 in, QoS 1 out: exactly once to the broker, at least once from it. The weaker hop decides what the subscriber can count on.',
  },
  'pub1-sub2': {
    title: 'Publisher QoS 1 / Subscriber QoS 2',
    text: 'QoS 1 in, QoS 2 out: the broker forwards at min(1, 2) = 1. Asking for QoS 2 costs nothing here, which is why subscribers are often advised to ask for it.',
  },
  // Lost packets: one packet dropped, on the way in or out.
  'qos0-lost': {
    title: 'QoS 0: the message is lost',
    text: 'At QoS 0 nobody keeps a copy. The connection breaks with the PUBLISH in flight; after reconnecting there is nothing to send again. Lost, and by design.',
  },
  'qos1-drop-publish-in': {
    title: 'QoS 1: PUBLISH lost, publisher → broker hop',
    text: RESEND,
  },
  'qos1-drop-publish-out': {
    title: 'QoS 1: PUBLISH lost, broker → subscriber hop',
    text: RESEND,
  },
  'qos1-drop-puback-in': {
    title: 'QoS 1: PUBACK lost, publisher → broker hop',
    text: DUPLICATE,
  },
  'qos1-drop-puback-out': {
    title: 'QoS 1: PUBACK lost, broker → subscriber hop',
    text: DUPLICATE,
  },
  'qos2-drop-publish-in': {
    title: 'QoS 2: PUBLISH lost, publisher → broker hop',
    text: RESEND,
  },
  'qos2-drop-pubrec-in': {
    title: 'QoS 2: PUBREC lost, publisher → broker hop',
    text: Q2_PUBREC,
  },
  'qos2-drop-pubrel-in': {
    title: 'QoS 2: PUBREL lost, publisher → broker hop',
    text: Q2_PUBREL,
  },
  'qos2-drop-pubcomp-in': {
    title: 'QoS 2: PUBCOMP lost, publisher → broker hop',
    text: Q2_PUBCOMP,
  },
  'qos2-drop-publish-out': {
    title: 'QoS 2: PUBLISH lost, broker → subscriber hop',
    text: RESEND,
  },
  'qos2-drop-pubrec-out': {
    title: 'QoS 2: PUBREC lost, broker → subscriber hop',
    text: Q2_PUBREC,
  },
  'qos2-drop-pubrel-out': {
    title: 'QoS 2: PUBREL lost, broker → subscriber hop',
    text: Q2_PUBREL,
  },
  'qos2-drop-pubcomp-out': {
    title: 'QoS 2: PUBCOMP lost, broker → subscriber hop',
    text: Q2_PUBCOMP,
  },
  // Random loss and flow control.
  'storm-window-20': {
    title: 'Reconnect storm: window 20 at 10 % loss',
    text: 'Each client keeps up to 20 QoS 1 messages in flight, as mosquitto and Paho Python do by default. Every break sends the whole window again after the reconnect, and with 10 % of packets lost a burst of 40 packets rarely gets through whole: the link breaks again, and each re-sent PUBLISH that did arrive is one more duplicate.',
  },
  'window-1-loss-10': {
    title: 'Window 1 at 10 % loss',
    text: 'The same 20 messages over the same lossy link, but one message in flight at a time. After a break only that one is sent again: few duplicates, a handful of packets per message, and every message arrives.',
  },
  // Sessions.
  'offline-subscriber': {
    title: 'Persistent session: offline subscriber',
    text: 'The subscriber (clean session 0) goes offline. The broker keeps its subscription and queues the QoS 1 messages for it; when it reconnects, session present = 1 and the queue is delivered in order.',
  },
  'clean-session-loses': {
    title: 'Clean session: messages lost while offline',
    text: 'The same outage, but the subscriber connects with clean session 1. The broker throws its session away when it disconnects: nothing is queued, and the messages published meanwhile are lost even at QoS 1.',
  },
  'retained-late-subscriber': {
    title: 'Retained message for a late subscriber',
    text: 'The publisher sets RETAIN=1. The broker keeps the last retained message of the topic, and a subscriber that arrives later receives it at once, with RETAIN=1.',
  },
  'will-message': {
    title: 'Will message when a client vanishes',
    text: 'The publisher registered a will at CONNECT. Its connection breaks without DISCONNECT, so the broker publishes the will to the subscribers of its topic.',
  },
  // Broker behaviour.
  'broker-restart': {
    title: 'Broker restart without persistence',
    text: 'QoS is a promise kept by session state. The subscriber is offline with messages queued for it; the broker restarts without saving sessions, and those messages are gone. QoS 1 and 2 stop where the state stops.',
  },
  'overlapping-subscriptions': {
    title: 'Overlapping subscriptions',
    text: 'The subscriber subscribed to sensors/# and to sensors/+. Both match, but the broker delivers the message once, at the highest QoS granted (MQTT-3.3.5-1).',
  },
  'qos2-method-a': {
    title: 'QoS 2 receiver, Method A',
    text: 'Method A of the spec (Figure 4.3): the broker stores the whole message and forwards it only after PUBREL. Delivery waits one more round trip.',
  },
  'qos2-method-b': {
    title: 'QoS 2 receiver, Method B',
    text: 'Method B: the broker stores only the packet id, forwards at once and discards the id on PUBREL. Faster; a re-sent PUBLISH with the stored id is still never forwarded twice.',
  },
  'retry-on-timeout': {
    title: 'Legacy: retry on timeout (MQTT 3.1)',
    text: 'The older MQTT 3.1 behaviour many tutorials draw: a lost PUBACK makes the sender re-send after a timeout on the same connection, with DUP=1. MQTT 3.1.1 re-sends only after reconnecting.',
  },
  'subscription-refused': {
    title: 'Subscription refused',
    text: 'The broker refuses subscriptions under sensors/# (an access rule, like mosquitto\'s ACL or our --deny-subscribe). One SUBSCRIBE asks for sensors/temp and alerts/#; the SUBACK answers 0x80 (failure) for the first and grants the second. Nothing was promised for sensors/temp, so its message is reported as refused, not as a broken guarantee.',
  },
  'two-publishers': {
    title: 'Two publishers, one subscriber',
    text: 'Two publishers send to the same topic, at QoS 1 and QoS 2, and the subscriber asked for QoS 2. Each message is counted as its publisher\'s message n, so the same number from two publishers is two messages, and each pair keeps the promise of its own weaker hop.',
  },
  'many-subscribers': {
    title: 'Subscribers at QoS 0, 1 and 2',
    text: 'One QoS 2 message, three subscribers. The broker forwards a copy to each at the QoS that subscriber was granted: three different handshakes from one PUBLISH.',
  },
  'v5-puback-no-subscribers': {
    title: '5.0: PUBACK 0x10, no matching subscribers',
    text: 'MQTT 5.0, one QoS 1 message and nobody subscribed. A 3.1.1 broker answers with a plain PUBACK and the publisher cannot tell that the message went nowhere; a 5.0 broker still takes it and acknowledges it, with Reason Code 0x10 No matching subscribers. 0x10 is below 0x80, a success: the exchange ends normally and the publisher is not asked to do anything. Switch "MQTT version" to 3.1.1 to see the same PUBACK without it.',
  },
  'v5-pubrec-failure': {
    title: '5.0: PUBREC with a failure code ends the exchange',
    text: 'MQTT 5.0, QoS 2. The broker refuses publishing to sensors/temp (an access rule, as an ACL would): it answers the PUBLISH with PUBREC 0x87 Not authorized and forwards the message to no one. A PUBREC of 0x80 or more ends the exchange: no PUBREL, no PUBCOMP. The publisher gives the message up, told why; the outcome reports it as refused by the broker, not as a broken guarantee, since nothing was accepted. (Our subscriber client always accepts, so the failure code comes from the broker, on the publisher’s hop.)',
  },
  'v5-receive-maximum': {
    title: '5.0: Receive Maximum 1 against 20 on a bad link',
    text: 'MQTT 5.0, 20 QoS 1 messages over a link that loses 10 % of packets, two subscribers: one announces Receive Maximum 1 in its CONNECT, the other 20. The broker may keep that many unacknowledged messages in flight to each. Both get every message, but each break makes the broker re-send its whole window to the second one: it receives 66 copies of 20 messages and sees about five times the packets, while the first receives 26.',
  },
  'v5-session-expiry': {
    title: '5.0: the session outlives a disconnect for 2 seconds, then expires',
    text: 'MQTT 5.0, the subscriber connects with Session Expiry Interval 2 s. It goes offline for one second: the broker keeps its session, queues message 2 and sends it when the subscriber is back (session present=1). Then it goes offline for four seconds: two seconds later the session expires and the broker discards it with messages 3 and 4. The subscriber comes back to session present=0 and subscribes again; the outcome counts the two messages lost because the session expired.',
  },
  'v5-message-expiry': {
    title: '5.0: a queued message expires before the subscriber returns',
    text: 'MQTT 5.0, each message published with Message Expiry Interval 2 s, and the subscriber offline for three seconds. Message 2 waits in its session longer than two seconds: the broker deletes it instead of sending it. Message 3 has time left when the subscriber returns and is delivered, its expiry counted down to what remains. The outcome counts message 2 lost because it expired.',
  },
} satisfies Record<string, PresetWords>;
