/**
 * Presets about sessions and broker behaviour: where the QoS guarantees come from (the
 * session state both ends keep) and where they stop.
 */
import type { Preset } from './presets-types';
import { preset } from './preset';

export const SESSIONS: Preset[] = [
  preset('offline-subscriber', 'sessions', { en: 'Persistent session: offline subscriber', zh: '持久会话：订阅者离线' },
    { en: 'The subscriber (clean session 0) goes offline. The broker keeps its subscription and queues the QoS 1 messages for it; when it reconnects, session present = 1 and the queue is delivered in order.',
      zh: '订阅者（clean session 0）离线。代理保留它的订阅，并为它把 QoS 1 消息排队；它重连时 session present = 1，排队的消息按顺序投递。' },
    { messages: 3, intervalMs: 200, faults: [{ kind: 'offline', client: 'subscriber', atMs: 150, forMs: 600 }] }),
  preset('clean-session-loses', 'sessions', { en: 'Clean session: messages lost while offline', zh: '清除会话：离线期间的消息丢失' },
    { en: 'The same outage, but the subscriber connects with clean session 1. The broker throws its session away when it disconnects: nothing is queued, and the messages published meanwhile are lost even at QoS 1.',
      zh: '同样的离线，但订阅者以 clean session 1 连接。断开时代理丢弃它的会话：什么都不排队，其间发布的消息即使是 QoS 1 也会丢失。' },
    { messages: 3, intervalMs: 200, subscribers: [{ qos: 1, cleanSession: true }], faults: [{ kind: 'offline', client: 'subscriber', atMs: 150, forMs: 600 }] }),
  preset('retained-late-subscriber', 'sessions', { en: 'Retained message for a late subscriber', zh: '保留消息：迟到的订阅者' },
    { en: 'The publisher sets RETAIN=1. The broker keeps the last retained message of the topic, and a subscriber that arrives later receives it at once, with RETAIN=1.',
      zh: '发布者设置 RETAIN=1。代理保存该主题最后一条保留消息，之后才订阅的客户端会立即收到它，RETAIN=1。' },
    { retain: true, subscribers: [{ qos: 1, joinAtMs: 400 }] }),
  preset('will-message', 'sessions', { en: 'Will message when a client vanishes', zh: '遗嘱消息：客户端意外断开' },
    { en: 'The publisher registered a will at CONNECT. Its connection breaks without DISCONNECT, so the broker publishes the will to the subscribers of its topic.',
      zh: '发布者在 CONNECT 时登记了遗嘱。它的连接没有经过 DISCONNECT 就断了，于是代理把遗嘱发布给订阅该主题的客户端。' },
    { publishers: [{ qos: 1, will: { topic: 'sensors/status', payload: 'sensor offline', qos: 1 } }],
      subscribers: [{ qos: 1, topicFilters: ['sensors/#'] }], faults: [{ kind: 'offline', client: 'publisher', atMs: 200, forMs: 1000 }] }),
];

/** Random loss and flow control: why real clients keep few messages in flight. */
const STORM = (maxInflight: number) => ({ messages: 20, link: { loss: 0.1 }, seed: 1,
  publishers: [{ qos: 1 as const, maxInflight }], subscribers: [{ qos: 1 as const, maxInflight }] });

export const LOSS: Preset[] = [
  preset('storm-window-20', 'lost', { en: 'Reconnect storm: window 20 at 10 % loss', zh: '重连风暴：10 % 丢包下窗口 20' },
    { en: 'Each client keeps up to 20 QoS 1 messages in flight, as mosquitto and Paho Python do by default. Every break sends the whole window again after the reconnect, and with 10 % of packets lost a burst of 40 packets rarely gets through whole: the link breaks again, and each re-sent PUBLISH that did arrive is one more duplicate.',
      zh: '每个客户端最多同时有 20 条 QoS 1 消息在途，这是 mosquitto 和 Paho Python 的默认值。每次断开重连后整个窗口都要重发，而 10 % 的报文会丢失，一口气 40 个报文很少能全部通过：连接再次断开，每个已经到达的重发 PUBLISH 都会多一次重复投递。' },
    STORM(20)),
  preset('window-1-loss-10', 'lost', { en: 'Window 1 at 10 % loss', zh: '10 % 丢包下窗口 1' },
    { en: 'The same 20 messages over the same lossy link, but one message in flight at a time. After a break only that one is sent again: few duplicates, a handful of packets per message, and every message arrives.',
      zh: '同样的 20 条消息、同样有丢包的链路，但每次只有一条消息在途。断开后只需重发这一条：重复很少，每条消息只需几个报文，而且每条都送达。' },
    STORM(1)),
];

export const BROKER: Preset[] = [
  preset('broker-restart', 'broker', { en: 'Broker restart without persistence', zh: '代理重启且未持久化' },
    { en: 'QoS is a promise kept by session state. The subscriber is offline with messages queued for it; the broker restarts without saving sessions, and those messages are gone. QoS 1 and 2 stop where the state stops.',
      zh: 'QoS 的承诺靠会话状态来兑现。订阅者离线，代理为它排着消息；代理重启且没有保存会话，这些消息就没了。状态在哪里消失，QoS 1 和 2 的保证就在哪里停止。' },
    { messages: 2, intervalMs: 100, faults: [{ kind: 'offline', client: 'subscriber', atMs: 90, forMs: 800 }, { kind: 'brokerRestart', atMs: 500, persist: false }] }),
  preset('overlapping-subscriptions', 'broker', { en: 'Overlapping subscriptions', zh: '重叠的订阅' },
    { en: 'The subscriber subscribed to sensors/# and to sensors/+. Both match, but the broker delivers the message once, at the highest QoS granted (MQTT-3.3.5-1).',
      zh: '订阅者同时订阅了 sensors/# 和 sensors/+。两者都匹配，但代理只投递一次，按授予的最高 QoS（MQTT-3.3.5-1）。' },
    { subscribers: [{ qos: 1, topicFilters: ['sensors/#', 'sensors/+'] }] }),
  preset('qos2-method-a', 'broker', { en: 'QoS 2 receiver, Method A', zh: 'QoS 2 接收方：方法 A' },
    { en: 'Method A of the spec (Figure 4.3): the broker stores the whole message and forwards it only after PUBREL. Delivery waits one more round trip.',
      zh: '规范中的方法 A（图 4.3）：代理保存整条消息，收到 PUBREL 后才转发。投递要多等一个往返。' },
    { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], qos2Method: 'A' }),
  preset('qos2-method-b', 'broker', { en: 'QoS 2 receiver, Method B', zh: 'QoS 2 接收方：方法 B' },
    { en: 'Method B: the broker stores only the packet id, forwards at once and discards the id on PUBREL. Faster; a re-sent PUBLISH with the stored id is still never forwarded twice.',
      zh: '方法 B：代理只保存报文标识符，立即转发，收到 PUBREL 时丢弃该标识符。更快；带着已保存标识符的重发 PUBLISH 仍不会被转发两次。' },
    { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], qos2Method: 'B' }),
  preset('retry-on-timeout', 'broker', { en: 'Legacy: retry on timeout (MQTT 3.1)', zh: '旧行为：超时重发（MQTT 3.1）' },
    { en: 'The older MQTT 3.1 behaviour many tutorials draw: a lost PUBACK makes the sender re-send after a timeout on the same connection, with DUP=1. MQTT 3.1.1 re-sends only after reconnecting.',
      zh: '很多教程画的是旧的 MQTT 3.1 行为：PUBACK 丢失后，发送方在同一连接上超时重发，DUP=1。MQTT 3.1.1 只在重连后重发。' },
    { retryMode: 'retryOnTimeout', faults: [{ kind: 'drop', type: 'PUBACK', nth: 1, from: 'broker', to: 'publisher' }] }),
  preset('subscription-refused', 'broker', { en: 'Subscription refused', zh: '订阅被拒绝' },
    { en: 'The broker refuses subscriptions under sensors/# (an access rule, like mosquitto\'s ACL or our --deny-subscribe). One SUBSCRIBE asks for sensors/temp and alerts/#; the SUBACK answers 0x80 (failure) for the first and grants the second. Nothing was promised for sensors/temp, so its message is reported as refused, not as a broken guarantee.',
      zh: '代理拒绝 sensors/# 下的订阅（访问控制规则，就像 mosquitto 的 ACL 或我们的 --deny-subscribe）。一个 SUBSCRIBE 同时订阅 sensors/temp 和 alerts/#；SUBACK 对第一个回复 0x80（失败），对第二个正常授予。sensors/temp 没有得到任何承诺，所以它的消息记为“被拒绝”，而不是保证被打破。' },
    { refusedFilters: ['sensors/#'], subscribers: [{ qos: 1, topicFilters: ['sensors/temp', 'alerts/#'] }] }),
  preset('two-publishers', 'broker', { en: 'Two publishers, one subscriber', zh: '两个发布者，一个订阅者' },
    { en: 'Two publishers send to the same topic, at QoS 1 and QoS 2, and the subscriber asked for QoS 2. Each message is counted as its publisher\'s message n, so the same number from two publishers is two messages, and each pair keeps the promise of its own weaker hop.',
      zh: '两个发布者向同一主题发送，分别用 QoS 1 和 QoS 2，订阅者订阅 QoS 2。每条消息按“哪个发布者的第 n 条”来计数，所以两个发布者的同一编号是两条不同的消息，每一对都遵守各自较弱那一跳的承诺。' },
    { messages: 2, publishers: [{ qos: 1 }, { qos: 2 }], subscribers: [{ qos: 2 }] }),
  preset('many-subscribers', 'broker', { en: 'Subscribers at QoS 0, 1 and 2', zh: '订阅者分别使用 QoS 0、1、2' },
    { en: 'One QoS 2 message, three subscribers. The broker forwards a copy to each at the QoS that subscriber was granted: three different handshakes from one PUBLISH.',
      zh: '一条 QoS 2 消息，三个订阅者。代理按各自授予的 QoS 分别转发：一次 PUBLISH，三种不同的握手。' },
    { publishers: [{ qos: 2 }], subscribers: [{ qos: 0 }, { qos: 1 }, { qos: 2 }] }),
];
