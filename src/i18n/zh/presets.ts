/**
 * 简体中文: the built-in scenarios' titles and teaching texts, by preset id; the same keys as
 * en/presets.ts (the compiler and catalog.test.ts check it).
 */
import type { Messages } from '../en';

// A text several presets share: the same lesson, seen on either hop.
const RESEND = '连接在报文传输中断开。客户端带着会话（clean session 0）重连，未确认的 PUBLISH 以 DUP=1 和原报文标识符重发。';
const DUPLICATE = '消息其实已经到了，丢的只是确认。重连后发送方以 DUP=1 重发 PUBLISH；在 QoS 1 下接收方无法分辨，于是出现重复投递。';
const Q2_PUBREC = 'PUBREC 丢失，发送方重发 PUBLISH（DUP=1）。接收方仍保存着等待 PUBREL 的报文标识符：它再次回复 PUBREC，不会第二次投递。只有一次依然成立。';
const Q2_PUBREL = 'PUBREL 丢失。重连后发送方重发 PUBREL（不是 PUBLISH：消息已被 PUBREC 确认）。接收方释放报文标识符并回复 PUBCOMP。';
const Q2_PUBCOMP = 'PUBCOMP 丢失，这是最后一步。发送方仍在等待它，重连后重发 PUBREL；接收方早已释放该标识符，只需再次回复 PUBCOMP。';

export const presets: Messages['presets'] = {
  // The lesson’s flows: one message, publisher QoS / subscriber QoS.
  'pub0-sub0': {
    title: '发布者 QoS 0 / 订阅者 QoS 0',
    text: '至多一次：每一跳只有一个 PUBLISH，没有确认。又快又省；连接一断，消息就没了。适合很快会再发一次的传感器读数。',
  },
  'pub1-sub1': {
    title: '发布者 QoS 1 / 订阅者 QoS 1',
    text: '至少一次：每个 PUBLISH 都保留到收到 PUBACK 为止。保证送达，但 PUBACK 一旦丢失，PUBLISH 会重发，因此可能重复。',
  },
  'pub2-sub2': {
    title: '发布者 QoS 2 / 订阅者 QoS 2',
    text: '只有一次：每一跳四步握手（PUBLISH、PUBREC、PUBREL、PUBCOMP）。接收方在收到 PUBREL 前一直记住报文标识符，所以重发的 PUBLISH 不会被重复投递。',
  },
  'pub2-sub0': {
    title: '发布者 QoS 2 / 订阅者 QoS 0',
    text: '降级：发布者用 QoS 2 发送，订阅者订阅时只要 QoS 0。QoS 属于每一段客户端与代理之间的连接：PUBREC、PUBREL、PUBCOMP 只出现在发布者这一侧；代理以 min(2, 0) = 0 转发。',
  },
  'pub0-sub2': {
    title: '发布者 QoS 0 / 订阅者 QoS 2',
    text: '订阅者要 QoS 2，但消息以 QoS 0 发布：代理只能按 min(0, 2) = 0 转发。订阅的 QoS 不会提高发布者的 QoS。',
  },
  'pub2-sub1': {
    title: '发布者 QoS 2 / 订阅者 QoS 1',
    text: '进 QoS 2，出 QoS 1：到代理是只有一次，从代理出去是至少一次。较弱的那一跳决定了订阅者能得到的保证。',
  },
  'pub1-sub2': {
    title: '发布者 QoS 1 / 订阅者 QoS 2',
    text: '进 QoS 1，出 QoS 2：代理按 min(1, 2) = 1 转发。这里订阅 QoS 2 没有额外代价，所以常建议订阅者使用 QoS 2。',
  },
  // Lost packets: one packet dropped, on the way in or out.
  'qos0-lost': {
    title: 'QoS 0：消息丢失',
    text: 'QoS 0 下没有人保留副本。连接在 PUBLISH 传输中断开；重连后没有任何东西需要重发。消息丢失，这正是设计如此。',
  },
  'qos1-drop-publish-in': {
    title: 'QoS 1：PUBLISH 丢失，发布者 → 代理这一跳',
    text: RESEND,
  },
  'qos1-drop-publish-out': {
    title: 'QoS 1：PUBLISH 丢失，代理 → 订阅者这一跳',
    text: RESEND,
  },
  'qos1-drop-puback-in': {
    title: 'QoS 1：PUBACK 丢失，发布者 → 代理这一跳',
    text: DUPLICATE,
  },
  'qos1-drop-puback-out': {
    title: 'QoS 1：PUBACK 丢失，代理 → 订阅者这一跳',
    text: DUPLICATE,
  },
  'qos2-drop-publish-in': {
    title: 'QoS 2：PUBLISH 丢失，发布者 → 代理这一跳',
    text: RESEND,
  },
  'qos2-drop-pubrec-in': {
    title: 'QoS 2：PUBREC 丢失，发布者 → 代理这一跳',
    text: Q2_PUBREC,
  },
  'qos2-drop-pubrel-in': {
    title: 'QoS 2：PUBREL 丢失，发布者 → 代理这一跳',
    text: Q2_PUBREL,
  },
  'qos2-drop-pubcomp-in': {
    title: 'QoS 2：PUBCOMP 丢失，发布者 → 代理这一跳',
    text: Q2_PUBCOMP,
  },
  'qos2-drop-publish-out': {
    title: 'QoS 2：PUBLISH 丢失，代理 → 订阅者这一跳',
    text: RESEND,
  },
  'qos2-drop-pubrec-out': {
    title: 'QoS 2：PUBREC 丢失，代理 → 订阅者这一跳',
    text: Q2_PUBREC,
  },
  'qos2-drop-pubrel-out': {
    title: 'QoS 2：PUBREL 丢失，代理 → 订阅者这一跳',
    text: Q2_PUBREL,
  },
  'qos2-drop-pubcomp-out': {
    title: 'QoS 2：PUBCOMP 丢失，代理 → 订阅者这一跳',
    text: Q2_PUBCOMP,
  },
  // Random loss and flow control.
  'storm-window-20': {
    title: '重连风暴：10 % 丢包下窗口 20',
    text: '每个客户端最多同时有 20 条 QoS 1 消息在途，这是 mosquitto 和 Paho Python 的默认值。每次断开重连后整个窗口都要重发，而 10 % 的报文会丢失，一口气 40 个报文很少能全部通过：连接再次断开，每个已经到达的重发 PUBLISH 都会多一次重复投递。',
  },
  'window-1-loss-10': {
    title: '10 % 丢包下窗口 1',
    text: '同样的 20 条消息、同样有丢包的链路，但每次只有一条消息在途。断开后只需重发这一条：重复很少，每条消息只需几个报文，而且每条都送达。',
  },
  // Sessions.
  'offline-subscriber': {
    title: '持久会话：订阅者离线',
    text: '订阅者（clean session 0）离线。代理保留它的订阅，并为它把 QoS 1 消息排队；它重连时 session present = 1，排队的消息按顺序投递。',
  },
  'clean-session-loses': {
    title: '清除会话：离线期间的消息丢失',
    text: '同样的离线，但订阅者以 clean session 1 连接。断开时代理丢弃它的会话：什么都不排队，其间发布的消息即使是 QoS 1 也会丢失。',
  },
  'retained-late-subscriber': {
    title: '保留消息：迟到的订阅者',
    text: '发布者设置 RETAIN=1。代理保存该主题最后一条保留消息，之后才订阅的客户端会立即收到它，RETAIN=1。',
  },
  'will-message': {
    title: '遗嘱消息：客户端意外断开',
    text: '发布者在 CONNECT 时登记了遗嘱。它的连接没有经过 DISCONNECT 就断了，于是代理把遗嘱发布给订阅该主题的客户端。',
  },
  // Broker behaviour.
  'broker-restart': {
    title: '代理重启且未持久化',
    text: 'QoS 的承诺靠会话状态来兑现。订阅者离线，代理为它排着消息；代理重启且没有保存会话，这些消息就没了。状态在哪里消失，QoS 1 和 2 的保证就在哪里停止。',
  },
  'overlapping-subscriptions': {
    title: '重叠的订阅',
    text: '订阅者同时订阅了 sensors/# 和 sensors/+。两者都匹配，但代理只投递一次，按授予的最高 QoS（MQTT-3.3.5-1）。',
  },
  'qos2-method-a': {
    title: 'QoS 2 接收方：方法 A',
    text: '规范中的方法 A（图 4.3）：代理保存整条消息，收到 PUBREL 后才转发。投递要多等一个往返。',
  },
  'qos2-method-b': {
    title: 'QoS 2 接收方：方法 B',
    text: '方法 B：代理只保存报文标识符，立即转发，收到 PUBREL 时丢弃该标识符。更快；带着已保存标识符的重发 PUBLISH 仍不会被转发两次。',
  },
  'retry-on-timeout': {
    title: '旧行为：超时重发（MQTT 3.1）',
    text: '很多教程画的是旧的 MQTT 3.1 行为：PUBACK 丢失后，发送方在同一连接上超时重发，DUP=1。MQTT 3.1.1 只在重连后重发。',
  },
  'subscription-refused': {
    title: '订阅被拒绝',
    text: '代理拒绝 sensors/# 下的订阅（访问控制规则，就像 mosquitto 的 ACL 或我们的 --deny-subscribe）。一个 SUBSCRIBE 同时订阅 sensors/temp 和 alerts/#；SUBACK 对第一个回复 0x80（失败），对第二个正常授予。sensors/temp 没有得到任何承诺，所以它的消息记为“被拒绝”，而不是保证被打破。',
  },
  'two-publishers': {
    title: '两个发布者，一个订阅者',
    text: '两个发布者向同一主题发送，分别用 QoS 1 和 QoS 2，订阅者订阅 QoS 2。每条消息按“哪个发布者的第 n 条”来计数，所以两个发布者的同一编号是两条不同的消息，每一对都遵守各自较弱那一跳的承诺。',
  },
  'many-subscribers': {
    title: '订阅者分别使用 QoS 0、1、2',
    text: '一条 QoS 2 消息，三个订阅者。代理按各自授予的 QoS 分别转发：一次 PUBLISH，三种不同的握手。',
  },
  'v5-puback-no-subscribers': {
    title: '5.0：PUBACK 0x10，没有匹配的订阅者',
    text: 'MQTT 5.0，一条 QoS 1 消息，没有任何订阅者。3.1.1 的代理只回一个普通的 PUBACK，发布者无从知道消息没有去处；5.0 的代理照样接收并确认，但带上原因码 0x10（没有匹配的订阅者）。0x10 小于 0x80，属于成功：交换正常结束，发布者什么也不用做。把“MQTT 版本”切换到 3.1.1，就能看到同一个 PUBACK 不带这个原因码。',
  },
  'v5-pubrec-failure': {
    title: '5.0：带失败原因码的 PUBREC 结束交换',
    text: 'MQTT 5.0，QoS 2。代理不允许向 sensors/temp 发布（一条访问控制规则，就像 ACL）：它用 PUBREC 0x87（未授权）回复 PUBLISH，消息不转给任何人。原因码不小于 0x80 的 PUBREC 会结束这次交换：没有 PUBREL，也没有 PUBCOMP。发布者得知原因后放弃这条消息；结果把它记为“被代理拒绝”，而不是保证被打破，因为代理什么也没有接收。（我们的订阅者客户端总是接收消息，所以失败原因码来自代理，出现在发布者这一段。）',
  },
  'v5-receive-maximum': {
    title: '5.0：糟糕链路上接收最大值 1 对 20',
    text: 'MQTT 5.0，20 条 QoS 1 消息，链路丢失 10% 的报文，两个订阅者：一个在 CONNECT 里声明接收最大值 1，另一个声明 20。代理最多可以向每个订阅者同时发出这么多条未确认的消息。两个订阅者都收到了每一条消息，但每次断线后，代理都要把整个窗口重发给第二个订阅者：它为 20 条消息收到 66 份副本，报文数约是第一个的五倍，而第一个只收到 26 份。',
  },
  'v5-session-expiry': {
    title: '5.0：会话在断开后保留 2 秒，然后过期',
    text: 'MQTT 5.0，订阅者连接时设置会话过期间隔为 2 秒。它先离线一秒：代理保留它的会话，把消息 2 排队，等它回来（session present=1）再发送。接着它离线四秒：两秒后会话过期，代理连同消息 3 和 4 一起丢弃。订阅者回来时 session present=0，只好重新订阅；结果把这两条消息记为因会话过期而丢失。',
  },
  'v5-message-expiry': {
    title: '5.0：排队的消息在订阅者回来之前过期',
    text: 'MQTT 5.0，每条消息发布时都带消息过期间隔 2 秒，订阅者离线三秒。消息 2 在会话中等待超过两秒：代理删除它，不再发送。消息 3 在订阅者回来时还没过期，照常送达，它的过期间隔减去了已经等待的时间。结果把消息 2 记为因过期而丢失。',
  },
};
