/**
 * 简体中文 words of the sequence diagram: the same shape as en/mermaid.ts (notes, captions, the
 * translated words inside arrow labels, the Markdown legend). Packet names and flags stay
 * English, as in the specification.
 */
import type { Messages } from '../en';
import { orUnknown as n, resendCounts, secs } from '../format';

/** Also the narration's participant names (zh/page.ts), joined there without a space: `订阅者2`. */
export const ROLE_NAMES = { publisher: '发布者', broker: '代理', subscriber: '订阅者' };

export const mermaid: Messages['mermaid'] = {
  roles: ROLE_NAMES,
  shortRoles: ROLE_NAMES, // three characters already
  setup: { publisher: '发布', subscriber: '订阅', separator: '，' },
  resent: '重发',
  decisions: {
    'broker.qos2.stored': (p, w) => (p.method === 'A' ? `${w}保存消息 id ${n(p.packetId)}，等待 PUBREL` : `${w}保存 id ${n(p.packetId)}，等待 PUBREL`),
    'broker.qos2.released': (p, w) => (p.known === false ? `${w}：未知 id ${n(p.packetId)} 的 PUBREL，照样回 PUBCOMP` : p.method === 'A' ? `${w}释放 id ${n(p.packetId)}，转发消息` : `${w}释放 id ${n(p.packetId)}`),
    'broker.duplicate.reacked': (p) => `重复的 id ${n(p.packetId)}：再次回 PUBREC，不再转发`,
    'broker.qos1.duplicate': (p) => `DUP id ${n(p.packetId)}：不论收到过没有，QoS 1 都转发`,
    'broker.queued.offline': (p) => `${n(p.clientId)} 离线：已排队（${n(p.queued)} 条等待）`,
    'broker.queue.full': (p) => `队列已满：丢弃给 ${n(p.clientId)} 的消息`,
    'broker.offline.qos0Dropped': (p) => `${n(p.clientId)} 离线：QoS 0 不保存`,
    'broker.noSubscribers': () => '没有订阅者：消息被丢弃',
    'broker.downgrade': (p) => `降级 QoS ${n(p.from)} → ${n(p.to)}`,
    'broker.overlap.maxQos': (p) => `重叠订阅：只发一份，QoS ${n(p.qos)}`,
    'broker.retained.stored': () => '保留消息已保存',
    'broker.retained.cleared': () => '保留消息已清除',
    'broker.retained.sent': () => '订阅时发送保留消息',
    'broker.will.published': (p) => `发布 ${n(p.clientId)} 的遗嘱消息`,
    'broker.will.discarded': () => 'DISCONNECT：遗嘱已丢弃',
    'broker.session.resumed': (p) => { const r = resendCounts(p, '、'); return r ? `会话恢复：需重发 ${r}` : '会话恢复，无需重发'; },
    'broker.session.discarded': (p) => `${n(p.clientId)} 的会话已丢弃`,
    'broker.session.expired': (p) => `${n(p.clientId)} 的会话已过期：其中的消息一并删除`,
    'broker.message.expired': (p) => `发给 ${n(p.clientId)} 的消息已过期：删除，不发送`,
    'broker.takeover': () => '相同客户端 id：旧连接被关闭',
    'broker.restarted': (p) => (p.keepSessions ? '代理重启，会话保留' : '代理重启，会话丢失'),
    'broker.subscribe.refused': (p) => `订阅 ${n(p.topicFilter)} 被拒绝`,
    'broker.connect.refused': (p) => `拒绝连接（rc=${n(p.returnCode)}）`,
    'broker.keepAlive.timeout': () => '代理：保活超时',
    'broker.protocolError': () => '协议错误：连接关闭',
    'client.qos2.stored': (p, w) => `${w}保存 id ${n(p.packetId)}，等待 PUBREL`,
    'client.qos2.duplicate': (p) => `重复的 id ${n(p.packetId)}：再次回 PUBREC，不再投递`,
    'client.qos2.released': (p, w) => `${w}释放 id ${n(p.packetId)}`,
    'client.qos1.duplicate': (p) => `DUP id ${n(p.packetId)}：不论收到过没有，QoS 1 都投递`,
    'client.session.resumed': (p) => { const r = resendCounts(p, '、'); return r ? `会话存在：重发 ${r}` : '会话存在，无需重发'; },
    'client.session.discarded': () => '清除会话：未确认的状态被丢弃',
    'client.session.lostByBroker': () => '代理丢失了会话：照样重发',
    'client.queued': (p) => (p.reason === 'window' ? '窗口已满：消息等待' : '离线：消息排队'),
    'client.qos0.dropped': () => '离线：QoS 0 消息不保存',
    'client.keepAlive.timeout': (p) => `没有收到 ${n(p.waitingFor)}：认为连接已断`,
    'client.connack.refused': (p) => `连接被拒绝（rc=${n(p.returnCode)}）`,
    'client.protocolError': () => '协议错误：连接关闭',
  },
  resend: {
    publish: (p) => `重发 PUBLISH id ${n(p.packetId)}，DUP=1`,
    pubrel: (p) => `重发 PUBREL id ${n(p.packetId)}`,
  },
  simNotes: {
    'connection.backoff': (p, w) => `⏳ ${w}退避：${secs(p.delayMs)} 秒后重试（连续失败 ${n(p.attempts)} 次）`,
    'run.unsettled': (p) => `未完成：${n(p.steps)} 步后停止，已发布 ${n(p.published)}/${n(p.total)}，丢包 ${n(p.lossPercent)}% 下断开 ${n(p.breaks)} 次，窗口 ${n(p.maxInflight)}`,
  },
  appPublish: (publicationNo, qos) => `应用发布 m${publicationNo}（QoS ${qos}）`,
  delivered: (what) => `✓ 已投递 #1：${what}`,
  duplicate: (what, deliveryNo) => `⚠ 重复：第 #${deliveryNo} 次投递 ${what}`,
  deliveredCompact: (which) => `✓ 已投递：${which}`,
  duplicateCompact: (which, deliveryNo) => `⚠ 重复：${which} ×${deliveryNo}`,
  connectionLost: (cause) => `✂ 连接断开（${cause}）`,
  lossCause: { drop: '丢包', keepAlive: '保活超时', reset: '连接重置', protocolError: '协议错误', takeover: '被接管', offline: '客户端离线', brokerRestart: '代理重启' },
  reconnected: (sessionPresent) => (sessionPresent ? '↻ 已重连，会话存在 (session present=1)' : '↻ 已重连，新会话 (session present=0)'),
  dropped: (what, cause) => `✗ ${what} 丢失（${cause}）`,
  dropCause: { rule: '丢包规则', intervention: '按要求丢弃', loss: '链路丢包', connectionBroken: '连接断开' },
  hiddenSteps: (count) => `… 前面 ${count} 步已隐藏`,
  legend: '_实线：请求；虚线：确认；✗ 随连接丢失的报文；底色：重传（DUP=1、重发的 PUBREL）。_',
};
