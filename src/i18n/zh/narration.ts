/**
 * 简体中文 narration: the same keys as en/narration.ts, for trace events, engine decisions and
 * simulator notes.
 */
import type { Messages } from '../en';
import { secs } from '../format';
import type { NarrationParams as P } from '../types';

const yes = (b: unknown) => (b ? '是' : '否');

export const narrate: Messages['narrate'] = {
  appPublish: (p: P) => `${p.client}的应用以 QoS ${p.qos} 向 ${p.topic} 发布第 ${p.publicationNo} 条消息“${p.payload}”。`,
  CONNECT: (p: P) => `${p.from}用 CONNECT 建立连接（清除会话 = ${yes(p.cleanSession)}，保活 ${p.keepAliveSec} 秒）。`,
  CONNACK: (p: P) => `代理用 CONNACK 接受${p.to}的连接；会话存在 = ${yes(p.sessionPresent)}。`,
  SUBSCRIBE: (p: P) => `${p.from}订阅 ${p.filters}，要求 QoS ${p.qos}：订阅者在这里、按订阅选择自己的 QoS。`,
  SUBACK: (p: P) => `代理在 SUBACK 中授予 QoS ${p.granted}。此后匹配的消息按 min(发布的 QoS, ${p.granted}) 转发。`,
  PUBLISH0: (p: P) => `${p.from}以 QoS 0 发送 PUBLISH：没有报文标识符，没有确认，什么也不保存。丢了就没了（MQTT-4.3.1）。`,
  PUBLISH1: (p: P) => `${p.from}以 QoS 1 发送 PUBLISH，报文标识符 ${p.packetId}，并一直保存，直到收到 PUBACK（MQTT-4.3.2-1）。`,
  PUBLISH2: (p: P) => `${p.from}以 QoS 2 发送 PUBLISH，报文标识符 ${p.packetId}，并一直保存，直到收到 PUBREC（MQTT-4.3.3-1）。`,
  PUBLISHdup: (p: P) => `${p.from}重发 PUBLISH ${p.packetId}，DUP = 1：它没收到确认；重发的 PUBLISH 必须这样标明（MQTT-3.3.1-1）。`,
  PUBACK: (p: P) => `${p.from}用 PUBACK 确认报文 ${p.packetId};${p.to}可以把它忘掉了（MQTT-4.3.2-2）。`,
  PUBREC: (p: P) => `${p.from}回复 PUBREC ${p.packetId}：“收到了，我记住这个标识符”。这是 QoS 2 握手的第一部分（MQTT-4.3.3-2）。`,
  ackSuccessReason: (p: P) => `${p.from}以 ${p.type} ${p.packetId} 应答，原因码 ${p.code}。${p.reason}小于 0x80 表示成功：对${p.to}来说，这个 ${p.type} 和平常一样了结报文 ${p.packetId}（MQTT 5.0，3.4.2.1）。`,
  ackFailed: (p: P) => `${p.from}以 ${p.type} ${p.packetId} 应答，原因码 ${p.code}。${p.reason}0x80 及以上表示失败：报文 ${p.packetId} 的交换到此结束${p.type === 'PUBREC' ? '，不会再有 PUBREL' : ''}，也不会重发任何东西（MQTT 5.0，MQTT-4.4.0-2）。`,
  PUBREL: (p: P) => `${p.from}用 PUBREL 释放报文 ${p.packetId}：它已丢弃消息本身，只保留标识符（MQTT-4.3.3-1）。`,
  PUBCOMP: (p: P) => `${p.from}用 PUBCOMP ${p.packetId} 完成：标识符重新可用，这次交换结束（MQTT-4.3.3-2）。`,
  PINGREQ: (p: P) => `${p.from}发送 PINGREQ：没有别的要说，但要证明连接还活着（保活）。`,
  PINGRESP: (p: P) => `代理回复 PINGRESP：与${p.to}的连接还活着。`,
  DISCONNECT: (p: P) => `${p.from}用 DISCONNECT 正常断开；遗嘱消息被丢弃（MQTT-3.14.4-3）。`,
  UNSUBSCRIBE: (p: P) => `${p.from}用 UNSUBSCRIBE 取消订阅。`,
  AUTH: (p: P) => `${p.from}发送 AUTH：MQTT 5.0 扩展认证的一步（3.15）。`,
  UNSUBACK: () => `代理用 UNSUBACK 确认。`,
  resent: (p: P) => `${p.from}重发 ${p.type} ${p.packetId}。`,
  delivered: (p: P) => `${p.from}发出的 ${p.type} 到达${p.to}。`,
  dropped: (p: P) => `从${p.from}到${p.to}的 ${p.type} 丢失了（${p.cause}）：连接在它传输途中断开。TCP 不会单独丢一个报文，所以整条连接都断了。`,
  droppedAlone: (p: P) => `从${p.from}到${p.to}的 ${p.type} 丢失了（${p.cause}），只丢了这一个：在超时重发模式（旧版 MQTT 3.1）下连接保持不断，等待应答的一方要等定时器到期才发现丢失。`,
  droppedWithConnection: (p: P) => `${p.type} 还在那条连接上，随连接一起丢失。`,
  connectionLost: (p: P) => `${p.client}与代理之间的连接断开了（${p.cause}）。尚未确认的内容要等重连后处理。`,
  connectionRestored: (p: P) => p.sessionPresent
    ? `${p.client}重新连上，代理还保留着它的会话（会话存在 = 1）：未完成的交换用同样的报文标识符继续。`
    : `${p.client}重新连上，使用全新的会话（会话存在 = 0）。`,
  appDeliver: (p: P) => Number(p.deliveryNo) > 1
    ? `${p.client}的应用再次收到第 ${p.publicationNo} 条消息“${p.payload}”：第 ${p.deliveryNo} 次送达，这是重复。`
    : `${p.client}的应用收到第 ${p.publicationNo} 条消息“${p.payload}”(QoS ${p.qos})。`,
  appDeliverWill: (p: P) => `${p.client}的应用收到一条遗嘱消息“${p.payload}”（主题 ${p.topic}）：${p.publisher ? p.publisher : '某个发布者'}的连接没有经过 DISCONNECT 就结束了，所以代理发布了它（MQTT-3.1.2-8）。它不是任何一次发布的副本。`,
  timer: (p: P) => `${p.actor}的定时器到期。`,
  timers: {
    retry: (p: P) => `${p.actor}的重发定时器到期：它发出的内容仍未得到应答。`,
    keepAlive: (p: P) => `${p.actor}的保活定时器到期：它有一阵没发任何报文了，于是发送 PINGREQ。`,
    keepAliveExpired: (p: P) => `${p.actor}的保活定时器到期，却没有及时收到任何报文：它放弃这条连接。`,
    other: (p: P) => `${p.actor}的定时器到期。`,
  },
  note: (p: P) => `${p.text}`,
  cause: {
    drop: '有报文被丢弃', keepAlive: '保活超时', reset: '连接被重置', protocolError: '协议错误',
    takeover: '被另一个连接接管', offline: '客户端离线', brokerRestart: '代理重启',
  },
  dropCause: { rule: '丢包规则', loss: '链路丢包', intervention: '按要求丢弃', connectionBroken: '连接断开' },
};

export const decisions: Messages['decisions'] = {
  'client.connack.refused': (p: P) => `代理拒绝了连接（返回码 ${p.returnCode}）；客户端关闭连接。`,
  'client.session.resumed': (p: P) => `会话还在，客户端按顺序重发未完成的内容：${p.publishes} 个 PUBLISH 和 ${p.pubrels} 个 PUBREL（MQTT-4.4.0-1）。`,
  'client.session.discarded': (p: P) => `清除会话：客户端丢弃了 ${p.publishes} 个未确认的 PUBLISH 和 ${p.pubrels} 个 PUBREL（MQTT-3.1.2-6）。`,
  'client.session.lostByBroker': () => `代理丢失了这个会话（会话存在 = 0），客户端仍然重发。`,
  'client.resend.publish': (p: P) => p.reason === 'timeout'
    ? `报文 ${p.packetId} 在重发超时内没有收到确认：客户端像 MQTT 3.1 那样在同一连接上重发 PUBLISH，并因为这是再次投递而置 DUP = 1（MQTT-3.3.1-1）。`
    : `带着会话重连后，客户端用同样的报文标识符重发未确认的 PUBLISH ${p.packetId}，DUP = 1（MQTT-4.4.0-1）。`,
  'client.resend.pubrel': (p: P) => p.reason === 'timeout'
    ? `PUBREL ${p.packetId} 在重发超时内没有等到 PUBCOMP：客户端像 MQTT 3.1 那样在同一连接上再发一次 PUBREL。`
    : p.reason === 'duplicatePubrec'
      ? `PUBREC ${p.packetId} 又来了，客户端再回一次 PUBREL：这次交换还必须完成（MQTT-4.3.3-1）。`
      : `带着会话重连后，客户端重发 PUBREL ${p.packetId} 来完成这次交换（MQTT-4.4.0-1）。`,
  'client.resend.request': (p: P) => `${p.packetType} ${p.packetId} 超时未获应答：在同一连接上重发（MQTT 3.1 的超时重发模式）。`,
  'client.queued': (p: P) => `客户端保存一条发往 ${p.topic} 的 QoS ${p.qos} 消息，等能发送时再发（${p.queued} 条等待中）。`,
  'client.qos0.dropped': (p: P) => `断开期间发布到 ${p.topic} 的 QoS 0 消息被直接丢弃（MQTT-4.3.1）。`,
  'client.qos1.duplicate': (p: P) => `QoS 1 的 PUBLISH ${p.packetId} 带着 DUP = 1 到达：代理没等到 PUBACK，所以重发了它。订阅者分不清重发和新消息（DUP = 1 只说明发送方可能发过），所以照样交付，并回复 PUBACK（MQTT-4.3.2-2）。`,
  'client.qos2.stored': (p: P) => `订阅者记住报文标识符 ${p.packetId} 直到 PUBREL，消息只交付一次。`,
  'client.qos2.duplicate': (p: P) => `标识符 ${p.packetId} 还被记着，所以这个 PUBLISH 是重发：再回 PUBREC，不再交付（MQTT-4.3.3-2）。`,
  'client.qos2.released': (p: P) => `PUBREL ${p.packetId}：订阅者忘掉这个标识符，回复 PUBCOMP。`,
  'client.ack.unknown': (p: P) => `${p.packetType} ${p.packetId} 不对应任何进行中的交换，忽略。`,
  'client.keepAlive.timeout': (p: P) => `保活时间（${p.keepAliveSec} 秒）内没有收到 ${p.waitingFor}：客户端认为连接已断开。`,
  'client.protocolError': (p: P) => `代理违反了协议（${p.message}）；客户端关闭连接（MQTT-4.8.0-1）。`,
  'client.resubscribe': (p: P) => `这是新会话，客户端重新订阅 ${p.topicFilters}。`,
  'client.request.rejected': (p: P) => `对 ${p.topic} 的请求被拒绝：${p.reason}。`,
  // MQTT 5.0 客户端（MQTT 5.0 的条款编号）
  'client.connack.refusedReason': (p: P) => `代理用 CONNACK 原因码 ${p.reasonCode}（${p.reasonName}）拒绝连接：0x80 及以上表示拒绝，客户端关闭连接（MQTT 5.0，MQTT-3.2.2-7）。`,
  'client.connack.limits': (p: P) => `代理在 CONNACK 里给出客户端必须遵守的限制：最多 ${p.receiveMaximum} 个未确认的 QoS 1/2 PUBLISH（接收最大值），QoS 最高 ${p.maximumQoS}，保留消息${p.retainAvailable ? '可用' : '不可用'}，主题别名最大值 ${p.topicAliasMaximum}，报文最大 ${p.maximumPacketSize} 字节（MQTT 5.0，MQTT-3.3.4-7、MQTT-3.2.2-11、MQTT-3.2.2-14、MQTT-3.2.2-15）。`,
  'client.clientId.assigned': (p: P) => `客户端发送了空的客户端标识符，代理分配了 ${p.clientId}，客户端此后使用它（MQTT 5.0，MQTT-3.2.2-16）。`,
  'client.keepAlive.server': (p: P) => `代理规定保活为 ${p.keepAliveSec} 秒（服务端保活），取代客户端请求的 ${p.requested} 秒；客户端照此执行（MQTT 5.0，MQTT-3.1.2-21）。`,
  'client.session.expired': (p: P) => `连接断开后已超过会话过期间隔（${p.sessionExpiryInterval} 秒）：客户端丢弃 ${p.publishes} 个未确认的 PUBLISH、${p.pubrels} 个 PUBREL 和 ${p.awaitingPubrel} 个保留的 QoS 2 报文标识符（MQTT 5.0，MQTT-3.1.2-23）。`,
  'client.session.notPresent': (p: P) => `客户端保留着会话，代理却回复会话存在 = 0：在 MQTT 5.0 中客户端必须丢弃自己的会话状态（${p.publishes} 个 PUBLISH、${p.pubrels} 个 PUBREL、${p.awaitingPubrel} 个保留的 QoS 2 报文标识符），不像 3.1.1 客户端那样重发（MQTT-3.2.2-5）。`,
  'client.publish.refused': (p: P) => `${p.packetType} ${p.packetId} 带有原因码 ${p.reasonCode}（${p.reasonName}）：代理拒绝了这条消息。这次交换到此结束，报文标识符可以再用，PUBLISH 不会重发${p.packetType === 'PUBREC' ? '，也不再发送 PUBREL' : ''}（MQTT 5.0，MQTT-4.4.0-2）。`,
  'client.ack.notFound': (p: P) => `${p.packetType} ${p.packetId} 带有原因码 0x92（报文标识符未找到）：对方已经忘了这次交换，它就此结束。`,
  'client.topicAlias.set': (p: P) => `这个 PUBLISH 同时带有主题 ${p.topic} 和主题别名 ${p.alias}：在这条连接上，这个别名从此代表该主题（MQTT 5.0，MQTT-3.3.2-10）。`,
  'client.topicAlias.used': (p: P) => `这个 PUBLISH 的主题为空、带主题别名 ${p.alias}：客户端把它读作 ${p.topic}。`,
  'client.disconnect.sent': (p: P) => `客户端发送带原因码 ${p.reasonCode}（${p.reasonName}）的 DISCONNECT 并关闭连接，之后不再在这条连接上发送任何报文（MQTT 5.0，MQTT-3.14.4-1）。`,
  'client.disconnect.received': (p: P) => `代理用 DISCONNECT 结束了连接，原因码 ${p.reasonCode}（${p.reasonName}）${p.serverReference ? `，并指向 ${p.serverReference}` : ''}；客户端关闭连接。`,
  'client.subscribe.refused': (p: P) => `SUBACK 拒绝了对 ${p.topicFilter} 的订阅：原因码 ${p.reasonCode}（${p.reasonName}）（MQTT 5.0，MQTT-3.9.3-1）。`,
  'client.unsubscribe.refused': (p: P) => `UNSUBACK 拒绝取消 ${p.topicFilter}：原因码 ${p.reasonCode}（${p.reasonName}）（MQTT 5.0，MQTT-3.11.3-1）。`,
  'client.retry.notIn5': () => `MQTT 5.0 禁止在同一连接上重发：超时重发模式不起作用，未确认的消息只在带着会话重连后重发（MQTT 5.0，MQTT-4.4.0-1）。`,
  'broker.connect.refused': (p: P) => `代理拒绝连接（返回码 ${p.returnCode}：${p.reason}）。`,
  'broker.clientId.assigned': (p: P) => `客户端没有提供标识符，代理分配了 ${p.clientId}(MQTT-3.1.3-6)。`,
  'broker.takeover': (p: P) => `${p.clientId} 再次连接：代理关闭旧连接（MQTT-3.1.4-2）。`,
  'broker.session.created': (p: P) => `代理为 ${p.clientId} 新建会话（清除会话 = ${yes(p.cleanSession)}）。`,
  'broker.session.resumed': (p: P) => `代理还保留着 ${p.clientId} 的会话：${p.publishes} 个 PUBLISH、${p.pubrels} 个 PUBREL 和 ${p.queued} 条排队消息要继续。`,
  'broker.session.discarded': (p: P) => `代理丢弃了 ${p.clientId} 的会话：${SESSION_END[String(p.reason)] ?? p.reason}（MQTT-3.1.2-6）。`,
  'broker.resend.publish': (p: P) => p.reason === 'timeout'
    ? `${p.clientId} 在重发超时内没有确认报文 ${p.packetId}：代理像 MQTT 3.1 那样在同一连接上重发 PUBLISH，并因为这是再次投递而置 DUP = 1（MQTT-3.3.1-1）。`
    : `${p.clientId} 带着会话重连了：代理用同样的报文标识符重发未确认的 PUBLISH ${p.packetId}，DUP = 1（MQTT-4.4.0-1）。`,
  'broker.resend.pubrel': (p: P) => p.reason === 'timeout'
    ? `${p.clientId} 在重发超时内没有回复 PUBREL ${p.packetId} 的 PUBCOMP：代理像 MQTT 3.1 那样在同一连接上再发一次 PUBREL。`
    : p.reason === 'duplicatePubrec'
      ? `${p.clientId} 又发来 PUBREC ${p.packetId}，代理再回一次 PUBREL（MQTT-4.3.3-1）。`
      : `${p.clientId} 带着会话重连了：代理重发 PUBREL ${p.packetId} 来完成这次交换（MQTT-4.4.0-1）。`,
  'broker.queued.offline': (p: P) => `${p.clientId} 离线：代理把这条 QoS ${p.qos} 消息存进它的会话（排队 ${p.queued} 条，MQTT-3.1.2-5）。`,
  'broker.queued.window': (p: P) => `${p.clientId} 已有消息在传输中；这一条先排队（${p.queued} 条）。`,
  'broker.queue.full': (p: P) => `${p.clientId} 的队列已满（${p.maxQueued}）；这条消息对它丢弃。`,
  'broker.offline.qos0Dropped': (p: P) => `${p.clientId} 离线，而 QoS 0 从不保存：发往 ${p.topic} 的这条消息没了。`,
  'broker.noSubscribers': (p: P) => `没有人订阅 ${p.topic}：消息无处可去。`,
  'broker.qos1.duplicate': (p: P) => `QoS 1 的 PUBLISH ${p.packetId} 带着 DUP = 1 到达：发布者没等到 PUBACK，所以重发了它。代理分不清重发和新消息，所以把它当作新的发布来转发（MQTT-4.3.2-2）。${FIRST_COPY[String(p.hadFirstCopy)] ?? ''}`,
  'broker.qos2.stored': (p: P) => p.method === 'A'
    ? `方法 A：代理以标识符 ${p.packetId} 保存消息，收到 PUBREL 后才转发。`
    : `方法 B：代理保存报文标识符 ${p.packetId} 并立即转发；这个标识符挡住第二份副本。`,
  'broker.qos2.released': (p: P) => p.method === 'A'
    ? `PUBREL ${p.packetId}：方法 A 现在转发保存的消息，并回复 PUBCOMP。`
    : `PUBREL ${p.packetId}：方法 B 忘掉标识符，并回复 PUBCOMP。`,
  'broker.duplicate.reacked': (p: P) => `标识符 ${p.packetId} 仍在等待 PUBREL，所以这个 PUBLISH 是重发：再回 PUBREC，不再转发（MQTT-4.3.3-2）。`,
  'broker.downgrade': (p: P) => `${p.clientId} 以 QoS ${p.to} 订阅，所以代理把这条 QoS ${p.from} 的消息按 QoS ${p.to} 转发（MQTT-3.8.4-6）。`,
  'broker.overlap.maxQos': (p: P) => `${p.clientId} 有 ${p.matches} 个订阅匹配 ${p.topic}：只发一份，按最高的 QoS ${p.qos}(MQTT-3.3.5-1)。`,
  'broker.retained.stored': (p: P) => `RETAIN = 1：代理为 ${p.topic} 的未来订阅者保留这条消息（MQTT-3.3.1-5）。`,
  'broker.retained.cleared': (p: P) => `空的保留消息清除了 ${p.topic} 上保留的消息（MQTT-3.3.1-10）。`,
  'broker.retained.sent': (p: P) => `${p.clientId} 刚刚订阅：代理把 ${p.topic} 的保留消息发给它（MQTT-3.3.1-6）。`,
  'broker.subscribe.granted': (p: P) => `${p.clientId} 为 ${p.topicFilter} 请求 QoS ${p.requested}；代理授予 QoS ${p.granted}。`,
  'broker.subscribe.replaced': (p: P) => `${p.clientId} 再次订阅 ${p.topicFilter}:QoS ${p.from} 被 ${p.to} 取代（MQTT-3.8.4-3）。`,
  'broker.subscribe.refused': (p: P) => `代理拒绝了 ${p.clientId} 对 ${p.topicFilter} 的订阅（SUBACK 0x80）。`,
  'broker.unsubscribed': (p: P) => `${p.clientId} 不再订阅 ${p.topicFilter}(MQTT-3.10.4-1)。`,
  'broker.will.published': (p: P) => `${p.clientId} 没发 DISCONNECT 就消失了：代理向 ${p.topic} 发布它的遗嘱（MQTT-3.1.2-8）。`,
  'broker.will.discarded': (p: P) => `${p.clientId} 发送了 DISCONNECT：遗嘱被丢弃，不发布（MQTT-3.14.4-3）。`,
  'broker.keepAlive.timeout': (p: P) => `1.5 倍保活时间内没有收到 ${p.clientId} 的任何报文：代理关闭连接（MQTT-3.1.2-24）。`,
  'broker.protocolError': (p: P) => `客户端违反了协议（${p.message}）；代理关闭连接（MQTT-4.8.0-1）。`,
  'broker.ack.unknown': (p: P) => `${p.packetType} ${p.packetId} 不对应任何进行中的交换；代理忽略它。`,
  'broker.restarted': (p: P) => p.keepSessions
    ? `代理重启，保留了 ${p.sessions} 个会话和 ${p.retained} 条保留消息。`
    : `代理重启并丢失了所有会话：它手中进行中的一切都没了。`,
  // MQTT 5.0 代理（MQTT 5.0 的条款编号）
  'broker.connect.refusedReason': (p: P) => `代理用 CONNACK 原因码 ${p.reasonCode}（${p.reason}）拒绝这个 MQTT 5.0 连接，会话存在 = 0，然后关闭连接（MQTT 5.0，MQTT-3.2.2-6）。`,
  'broker.keepAlive.server': (p: P) => `代理规定自己的保活时间：${p.serverKeepAliveSec} 秒，取代 ${p.clientId} 请求的 ${p.requested} 秒，并在 CONNACK 里以服务端保活告知（MQTT 5.0，MQTT-3.2.2-21）。`,
  'broker.session.expiryScheduled': (p: P) => (p.expirySec === 0xFFFF_FFFF
    ? `${p.clientId} 的连接断开了，但它的会话还在：会话过期间隔是 4294967295，表示永不过期（MQTT 5.0，3.1.2.11.2）。`
    : `${p.clientId} 的连接断开了，但它的会话还会保留 ${p.expirySec} 秒（会话过期间隔）（MQTT 5.0，MQTT-3.1.2-23）。`),
  'broker.session.expired': (p: P) => `${p.clientId} 在 ${p.expirySec} 秒内没有回来：会话过期，代理丢弃其中的一切（MQTT 5.0，MQTT-3.1.2-23）。`,
  'broker.session.expiryChanged': (p: P) => `${p.clientId} 的 DISCONNECT 把会话过期间隔从 ${p.from} 秒改为 ${p.to} 秒。`,
  'broker.will.delayed': (p: P) => `${p.clientId} 没有正常 DISCONNECT 就断开了：发往 ${p.topic} 的遗嘱消息先等 ${p.delaySec} 秒（遗嘱延迟间隔），以防它重连（MQTT 5.0，MQTT-3.1.2-8）。`,
  'broker.will.cancelled': (p: P) => `${p.clientId} 在遗嘱延迟间隔内重连了：发往 ${p.topic} 的遗嘱消息不再发布（MQTT 5.0，MQTT-3.1.3-9）。`,
  'broker.will.requested': (p: P) => `${p.clientId} 用原因码 0x04（携带遗嘱断开）发送 DISCONNECT：代理照样发布它的遗嘱消息。`,
  'broker.disconnect.sent': (p: P) => `代理在关闭连接前说明原因：发送原因码 ${p.reasonCode} 的 DISCONNECT（MQTT 5.0，MQTT-4.13.1-1）。`,
  'broker.topicAlias.set': (p: P) => `这个 PUBLISH 同时带有主题 ${p.topic} 和主题别名 ${p.alias}：在这条连接上，这个别名从此代表该主题（MQTT 5.0，MQTT-3.3.2-12）。`,
  'broker.topicAlias.used': (p: P) => `这个 PUBLISH 的主题为空、带主题别名 ${p.alias}：代理把它读作 ${p.topic}（MQTT 5.0，MQTT-3.3.2-12）。`,
  'broker.noLocal.skipped': (p: P) => `${p.topic} 上的消息是 ${p.clientId} 自己发布的，而它以“不接收本地消息”（No Local）订阅了 ${p.topicFilter}：代理不把它发回去（MQTT 5.0，MQTT-3.8.3-3）。`,
  'broker.shared.delivered': (p: P) => `${p.topic} 匹配共享订阅 ${p.topicFilter}：组内 ${p.members} 个成员中只有 ${p.clientId} 收到这条消息，QoS ${p.qos}（MQTT 5.0，MQTT-4.8.2-3）。`,
  'broker.retained.notSent': (p: P) => p.shared
    ? `${p.topicFilter} 是共享订阅：不向它发送保留消息。`
    : `${p.clientId} 以保留处理选项 ${p.retainHandling} 订阅 ${p.topicFilter}：现在不发送保留消息（MQTT 5.0，${p.retainHandling === 1 ? 'MQTT-3.3.1-10：只对新订阅发送' : 'MQTT-3.3.1-11'}）。`,
  'broker.message.expired': (p: P) => `发往 ${p.topic} 的消息等待的时间超过了它的消息过期间隔：代理删除它，不再发给 ${p.clientId}（MQTT 5.0，MQTT-3.3.2-5）。`,
  'broker.packet.tooLarge': (p: P) => `这个 ${p.packetType} 有 ${p.size} 字节，超过客户端的最大报文长度 ${p.maximumPacketSize}：代理丢弃它，当作已经发送（MQTT 5.0，MQTT-3.1.2-25）。`,
  'broker.publish.refusedSilently': (p: P) => `代理不允许向 ${p.topic} 发布，却无法说出来：${p.qos === 0 ? 'QoS 0 的 PUBLISH 根本没有应答' : '3.1.1 的确认报文不带原因码'}。它${p.qos === 0 ? '直接丢弃这条消息' : '照常确认'}，消息不转给任何人（MQTT-3.3.5-2）。发布者以为消息已被接受。`,
  'broker.publish.refused': (p: P) => `代理不允许向 ${p.topic} 发布：它用原因码 ${p.reasonCode}（未授权）回复报文 ${p.packetId}，消息不转给任何人。这次交换到此结束，发布者放弃这条消息（MQTT 5.0，MQTT-4.4.0-2）。`,
  'broker.pubrec.failed': (p: P) => `${p.clientId} 用原因码 ${p.reasonCode} 回复 PUBREC ${p.packetId}：它拒绝了这条消息。这次交换到此结束，不发 PUBREL，消息也不会转给别人（MQTT 5.0，MQTT-4.3.3-4）。`,
};

export const notes: Messages['notes'] = {
  'fault.break': (p: P) => `故障：${p.client}的连接在这里被切断，就像网络重置了它。`,
  'fault.offline': (p: P) => `故障：${p.client}离线 ${secs(p.forMs)} 秒，在此之前无法重连。`,
  'fault.brokerRestart.persist': () => `故障：代理在这里重启。它保留了会话，客户端重连后从中断处继续。`,
  'fault.brokerRestart.lost': () => `故障：代理在这里重启，什么也没保留：所有会话以及它手中进行中的一切都没了。`,
  'connection.backoff': (p: P) => `${p.client}${Number(p.attempts) === 1 ? '上一次连接' : `连续 ${p.attempts} 次连接都`}在 CONNACK 之前失败，所以它等更久再重试：${secs(p.delayMs)} 秒（带随机抖动的指数退避，Paho 和 MQTT.js 也这样做）。`,
  'run.unsettled': (p: P) => `运行在达到 ${p.steps} 步的上限时仍未静止：${p.total} 条消息中发布了 ${p.published} 条${Number(p.lossPercent) > 0 ? `，链路丢包率 ${p.lossPercent}%` : ''}，连接断开 ${p.breaks} 次${unsettledWhy(p)}。显示的内容并不完整，因此不声称任何送达保证。`,
};

/** 只有轨迹知道、代理却不知道的事（narrate.ts 知道时传入 `hadFirstCopy`）。 */
const FIRST_COPY: Record<string, string> = {
  true: '这一次代理其实收到过第一份（没送回去的是 PUBACK），所以这是一份重复：订阅者可能收到这条消息两次。',
  false: '这一次第一份从没到达代理：这是它第一次见到这条消息。',
};

const SESSION_END: Record<string, string> = {
  cleanSession: '客户端要求清除会话', connectionClosed: '它的清除会话连接结束了', restart: '代理重启了',
};

function unsettledWhy(p: P): string {
  if (Number(p.breaks) === 0) return '';
  return Number(p.maxInflight) > 1
    ? `；最多有 ${p.maxInflight} 条消息同时在传输中，每次重连都要重发整个窗口，而下一次断开往往在它发完之前就来了`
    : '；连接断开的速度比消息送达的速度还快';
}

