/**
 * Note texts of the diagram, in English and Chinese: engine decisions worth teaching,
 * application delivery, connection loss and reconnect, lost packets. Short, in the
 * diagram's own words ("Broker stores id 1, awaits PUBREL"). Plain text: the caller escapes.
 *
 * Design: only decisions that explain what the learner sees get a note; the rest (session
 *   created, subscription granted, ...) is visible in the arrows or the inspector. A key
 *   without an entry draws nothing, so engine keys can be added freely.
 */
import type { ConnectionLossCause, DropCause, Params } from '../sim/trace';
import type { Lang } from './labels';

type Text = (p: Params, who: string) => string;
type Entry = { en: Text; zh: Text };

const n = (v: unknown) => (v === undefined ? '?' : String(v));

/** `1 PUBLISH, 1 PUBREL`, only the non-zero counts; undefined when there is nothing. */
function resends(p: Params, and: string): string | undefined {
  const parts = [p.publishes ? `${n(p.publishes)} PUBLISH` : '', p.pubrels ? `${n(p.pubrels)} PUBREL` : ''].filter(Boolean);
  return parts.length ? parts.join(and) : undefined;
}

const DECISIONS: Record<string, Entry> = {
  'broker.qos2.stored': {
    en: (p, w) => (p.method === 'A' ? `${w} stores message id ${n(p.packetId)}, awaits PUBREL` : `${w} stores id ${n(p.packetId)}, awaits PUBREL`),
    zh: (p, w) => (p.method === 'A' ? `${w}保存消息 id ${n(p.packetId)}，等待 PUBREL` : `${w}保存 id ${n(p.packetId)}，等待 PUBREL`),
  },
  'broker.qos2.released': {
    en: (p, w) => (p.known === false ? `${w}: PUBREL for unknown id ${n(p.packetId)}, PUBCOMP anyway` : p.method === 'A' ? `${w} releases id ${n(p.packetId)}, forwards message` : `${w} releases id ${n(p.packetId)}`),
    zh: (p, w) => (p.known === false ? `${w}：未知 id ${n(p.packetId)} 的 PUBREL，照样回 PUBCOMP` : p.method === 'A' ? `${w}释放 id ${n(p.packetId)}，转发消息` : `${w}释放 id ${n(p.packetId)}`),
  },
  'broker.duplicate.reacked': {
    en: (p) => `Duplicate id ${n(p.packetId)}: PUBREC again, not forwarded`,
    zh: (p) => `重复的 id ${n(p.packetId)}：再次回 PUBREC，不再转发`,
  },
  'broker.qos1.duplicate': {
    en: (p) => `DUP id ${n(p.packetId)} is forwarded again (QoS 1)`,
    zh: (p) => `DUP id ${n(p.packetId)} 再次转发（QoS 1）`,
  },
  'broker.queued.offline': {
    en: (p) => `${n(p.clientId)} offline: queued (${n(p.queued)} waiting)`,
    zh: (p) => `${n(p.clientId)} 离线：已排队（${n(p.queued)} 条等待）`,
  },
  'broker.queue.full': { en: (p) => `Queue full: dropped for ${n(p.clientId)}`, zh: (p) => `队列已满：丢弃给 ${n(p.clientId)} 的消息` },
  'broker.offline.qos0Dropped': { en: (p) => `${n(p.clientId)} offline: QoS 0 not kept`, zh: (p) => `${n(p.clientId)} 离线：QoS 0 不保存` },
  'broker.noSubscribers': { en: () => 'No subscriber: message goes nowhere', zh: () => '没有订阅者：消息被丢弃' },
  'broker.downgrade': { en: (p) => `Downgrade QoS ${n(p.from)} → ${n(p.to)}`, zh: (p) => `降级 QoS ${n(p.from)} → ${n(p.to)}` },
  'broker.overlap.maxQos': { en: (p) => `Overlapping subscriptions: one copy at QoS ${n(p.qos)}`, zh: (p) => `重叠订阅：只发一份，QoS ${n(p.qos)}` },
  'broker.retained.stored': { en: () => 'Retained message stored', zh: () => '保留消息已保存' },
  'broker.retained.cleared': { en: () => 'Retained message cleared', zh: () => '保留消息已清除' },
  'broker.retained.sent': { en: () => 'Retained message sent on subscribe', zh: () => '订阅时发送保留消息' },
  'broker.will.published': { en: (p) => `Will of ${n(p.clientId)} published`, zh: (p) => `发布 ${n(p.clientId)} 的遗嘱消息` },
  'broker.will.discarded': { en: () => 'DISCONNECT: will discarded', zh: () => 'DISCONNECT：遗嘱已丢弃' },
  'broker.session.resumed': {
    en: (p) => { const r = resends(p, ', '); return r ? `Session resumed: ${r} to re-send` : 'Session resumed, nothing to re-send'; },
    zh: (p) => { const r = resends(p, '、'); return r ? `会话恢复：需重发 ${r}` : '会话恢复，无需重发'; },
  },
  'broker.session.discarded': { en: (p) => `Session of ${n(p.clientId)} discarded`, zh: (p) => `${n(p.clientId)} 的会话已丢弃` },
  'broker.takeover': { en: () => 'Same client id: old connection closed', zh: () => '相同客户端 id：旧连接被关闭' },
  'broker.restarted': { en: (p) => (p.keepSessions ? 'Broker restarted, sessions kept' : 'Broker restarted, sessions lost'), zh: (p) => (p.keepSessions ? '代理重启，会话保留' : '代理重启，会话丢失') },
  'broker.subscribe.refused': { en: (p) => `Subscription ${n(p.topicFilter)} refused`, zh: (p) => `订阅 ${n(p.topicFilter)} 被拒绝` },
  'broker.connect.refused': { en: (p) => `Connection refused (rc=${n(p.returnCode)})`, zh: (p) => `拒绝连接（rc=${n(p.returnCode)}）` },
  'broker.keepAlive.timeout': { en: () => 'Broker: keep-alive expired', zh: () => '代理：保活超时' },
  'broker.protocolError': { en: () => 'Protocol error: connection closed', zh: () => '协议错误：连接关闭' },
  'client.qos2.stored': {
    en: (p, w) => `${w} stores id ${n(p.packetId)}, awaits PUBREL`,
    zh: (p, w) => `${w}保存 id ${n(p.packetId)}，等待 PUBREL`,
  },
  'client.qos2.duplicate': {
    en: (p) => `Duplicate id ${n(p.packetId)}: PUBREC again, not delivered again`,
    zh: (p) => `重复的 id ${n(p.packetId)}：再次回 PUBREC，不再投递`,
  },
  'client.qos2.released': { en: (p, w) => `${w} releases id ${n(p.packetId)}`, zh: (p, w) => `${w}释放 id ${n(p.packetId)}` },
  'client.qos1.duplicate': {
    en: (p) => `DUP id ${n(p.packetId)} delivered again (at least once)`,
    zh: (p) => `DUP id ${n(p.packetId)} 再次投递（至少一次）`,
  },
  'client.session.resumed': {
    en: (p) => { const r = resends(p, ', '); return r ? `Session present: re-send ${r}` : 'Session present, nothing to re-send'; },
    zh: (p) => { const r = resends(p, '、'); return r ? `会话存在：重发 ${r}` : '会话存在，无需重发'; },
  },
  'client.session.discarded': { en: () => 'Clean session: unacknowledged state discarded', zh: () => '清除会话：未确认的状态被丢弃' },
  'client.session.lostByBroker': { en: () => 'Broker lost the session: re-send anyway', zh: () => '代理丢失了会话：照样重发' },
  'client.queued': { en: (p) => (p.reason === 'window' ? 'Window full: message waits' : 'Offline: message queued'), zh: (p) => (p.reason === 'window' ? '窗口已满：消息等待' : '离线：消息排队') },
  'client.qos0.dropped': { en: () => 'Offline: QoS 0 message not kept', zh: () => '离线：QoS 0 消息不保存' },
  'client.keepAlive.timeout': { en: (p) => `No ${n(p.waitingFor)}: connection considered lost`, zh: (p) => `没有收到 ${n(p.waitingFor)}：认为连接已断` },
  'client.connack.refused': { en: (p) => `Connection refused (rc=${n(p.returnCode)})`, zh: (p) => `连接被拒绝（rc=${n(p.returnCode)}）` },
  'client.protocolError': { en: () => 'Protocol error: connection closed', zh: () => '协议错误：连接关闭' },
};

const RESEND: Entry = {
  en: (p) => (p.packetType === 'PUBREL' ? `Re-send PUBREL id ${n(p.packetId)}` : `Re-send PUBLISH id ${n(p.packetId)} with DUP=1`),
  zh: (p) => (p.packetType === 'PUBREL' ? `重发 PUBREL id ${n(p.packetId)}` : `重发 PUBLISH id ${n(p.packetId)}，DUP=1`),
};

/** Decision keys that announce a retransmission (drawn inside the retransmission highlight). */
export function isResendDecision(key: string): boolean {
  return /^(client|broker)\.resend\.(publish|pubrel)$/.test(key);
}

export function decisionNote(key: string, params: Params, who: string, lang: Lang): string | undefined {
  if (isResendDecision(key)) return RESEND[lang]({ ...params, packetType: key.endsWith('pubrel') ? 'PUBREL' : 'PUBLISH' }, who);
  return DECISIONS[key]?.[lang](params, who);
}

/** Milliseconds as seconds, one decimal at most. */
const secs = (ms: unknown) => String(Math.round(Number(ms) / 100) / 10);

/**
 * Simulator notes worth a note of their own. The fault notes draw nothing: what a fault does is
 * already drawn (✂ connection lost, the broker's restart decision).
 */
const SIM_NOTES: Record<string, Entry> = {
  'connection.backoff': {
    en: (p, w) => `⏳ ${w} backs off: retry in ${secs(p.delayMs)} s (${n(p.attempts)} failed)`,
    zh: (p, w) => `⏳ ${w}退避：${secs(p.delayMs)} 秒后重试（连续失败 ${n(p.attempts)} 次）`,
  },
  'run.unsettled': {
    en: (p) => `unfinished: stopped after ${n(p.steps)} steps, ${n(p.published)}/${n(p.total)} published, ${n(p.breaks)} breaks at ${n(p.lossPercent)} % loss, window ${n(p.maxInflight)}`,
    zh: (p) => `未完成：${n(p.steps)} 步后停止，已发布 ${n(p.published)}/${n(p.total)}，丢包 ${n(p.lossPercent)}% 下断开 ${n(p.breaks)} 次，窗口 ${n(p.maxInflight)}`,
  },
};

/** The note for a simulator 'note' event; `who` is its actor's name ('' for a note about the whole run). */
export function simNote(key: string, params: Params, who: string, lang: Lang): string | undefined {
  return SIM_NOTES[key]?.[lang](params, who);
}

/** Keys that belong to connection set-up (hidden with the `hideConnectionSetup` option). */
export function isConnectionSetupDecision(key: string): boolean {
  return /^broker\.(session\.created|clientId\.assigned|subscribe\.granted|subscribe\.replaced)$|^client\.resubscribe$/.test(key);
}

export function appPublishNote(publicationNo: number, qos: number, lang: Lang): string {
  return lang === 'zh' ? `应用发布 m${publicationNo}（QoS ${qos}）` : `App publishes m${publicationNo} (QoS ${qos})`;
}

/**
 * `✓ delivered #1: m1 “21.5 °C”`, `⚠ duplicate: delivered #2 m1 “21.5 °C”`; compact:
 * `✓ delivered: m1`, `⚠ duplicate: m1 ×2` (the payload is in the inspector).
 * Design: no `#` in the compact note. Mermaid sizes a note by its text with each escaped
 * character still encoded (`#35;` and more), so one `#` widens a phone's whole diagram.
 */
export function deliveryNote(deliveryNo: number, publicationNo: number, payload: string, lang: Lang, compact = false): string {
  const m = publicationNo >= 0 ? `m${publicationNo}` : '';
  if (compact) {
    const which = m || payload;
    if (deliveryNo <= 1) return lang === 'zh' ? `✓ 已投递：${which}` : `✓ delivered: ${which}`;
    return lang === 'zh' ? `⚠ 重复：${which} ×${deliveryNo}` : `⚠ duplicate: ${which} ×${deliveryNo}`;
  }
  const what = [m, payload].filter(Boolean).join(' ');
  if (deliveryNo <= 1) return lang === 'zh' ? `✓ 已投递 #1：${what}` : `✓ delivered #1: ${what}`;
  return lang === 'zh' ? `⚠ 重复：第 #${deliveryNo} 次投递 ${what}` : `⚠ duplicate: delivered #${deliveryNo} ${what}`;
}

const LOSS_CAUSE: Record<Lang, Record<ConnectionLossCause, string>> = {
  en: { drop: 'packet dropped', keepAlive: 'keep-alive timeout', reset: 'reset', protocolError: 'protocol error',
    takeover: 'taken over', offline: 'client offline', brokerRestart: 'broker restarted' },
  zh: { drop: '丢包', keepAlive: '保活超时', reset: '连接重置', protocolError: '协议错误',
    takeover: '被接管', offline: '客户端离线', brokerRestart: '代理重启' },
};

export function connectionLostNote(cause: ConnectionLossCause, lang: Lang): string {
  return lang === 'zh' ? `✂ 连接断开（${LOSS_CAUSE.zh[cause]}）` : `✂ connection lost (${LOSS_CAUSE.en[cause]})`;
}

export function reconnectedNote(sessionPresent: boolean, lang: Lang): string {
  if (lang === 'zh') return sessionPresent ? '↻ 已重连，会话存在 (session present=1)' : '↻ 已重连，新会话 (session present=0)';
  return sessionPresent ? '↻ reconnected, session present=1' : '↻ reconnected, new session (session present=0)';
}

const DROP_CAUSE: Record<Lang, Record<DropCause, string>> = {
  en: { rule: 'drop rule', intervention: 'dropped on request', loss: 'link loss', connectionBroken: 'connection broke' },
  zh: { rule: '丢包规则', intervention: '按要求丢弃', loss: '链路丢包', connectionBroken: '连接断开' },
};

export function droppedNote(what: string, cause: DropCause, lang: Lang): string {
  return lang === 'zh' ? `✗ ${what} 丢失（${DROP_CAUSE.zh[cause]}）` : `✗ ${what} lost (${DROP_CAUSE.en[cause]})`;
}

export function hiddenStepsNote(count: number, lang: Lang): string {
  return lang === 'zh' ? `… 前面 ${count} 步已隐藏` : `… ${count} earlier steps hidden`;
}
