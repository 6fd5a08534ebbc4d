/**
 * Built-in scenarios: the lesson's five flows and the lab's experiments, each with a title and
 * a short teaching text in English and Chinese. A preset is only a scenario plus words; it
 * runs through the same engine as everything else.
 */
import type { PacketType, QoS } from '../../mqtt/types';
import type { Preset, PresetGroup, Text } from './presets-types';
import { preset } from './preset';
import { BROKER, LOSS, SESSIONS } from './presets-experiments';

export type { Preset, PresetGroup, Text };

const flow = (pub: QoS, sub: QoS, text: Text) =>
  preset(`pub${pub}-sub${sub}`, 'lesson', { en: `Publisher QoS ${pub} / Subscriber QoS ${sub}`, zh: `发布者 QoS ${pub} / 订阅者 QoS ${sub}` }, text,
    { publishers: [{ qos: pub }], subscribers: [{ qos: sub }] });

const LESSON: Preset[] = [
  flow(0, 0, { en: 'At most once: one PUBLISH per hop and no acknowledgement. Fast and cheap; if the connection breaks, the message is simply gone. Fine for a sensor that sends again soon.',
    zh: '至多一次：每一跳只有一个 PUBLISH，没有确认。又快又省；连接一断，消息就没了。适合很快会再发一次的传感器读数。' }),
  flow(1, 1, { en: 'At least once: every PUBLISH is kept until a PUBACK comes back. Arrival is ensured, but a lost PUBACK means the PUBLISH is sent again, so duplicates can happen.',
    zh: '至少一次：每个 PUBLISH 都保留到收到 PUBACK 为止。保证送达，但 PUBACK 一旦丢失，PUBLISH 会重发，因此可能重复。' }),
  flow(2, 2, { en: 'Exactly once: a four-step handshake per hop (PUBLISH, PUBREC, PUBREL, PUBCOMP). The receiver remembers the packet id until PUBREL, so a re-sent PUBLISH is never delivered twice.',
    zh: '只有一次：每一跳四步握手（PUBLISH、PUBREC、PUBREL、PUBCOMP）。接收方在收到 PUBREL 前一直记住报文标识符，所以重发的 PUBLISH 不会被重复投递。' }),
  flow(2, 0, { en: 'Downgrade: the publisher sends at QoS 2, the subscriber asked for QoS 0. QoS belongs to each client-broker hop: PUBREC, PUBREL and PUBCOMP appear only on the publisher\'s side; the broker forwards at min(2, 0) = 0.',
    zh: '降级：发布者用 QoS 2 发送，订阅者订阅时只要 QoS 0。QoS 属于每一段客户端与代理之间的连接：PUBREC、PUBREL、PUBCOMP 只出现在发布者这一侧；代理以 min(2, 0) = 0 转发。' }),
  flow(0, 2, { en: 'The subscriber asked for QoS 2 but the message was published at QoS 0: the broker can only forward at min(0, 2) = 0. A subscription never raises the publisher\'s QoS.',
    zh: '订阅者要 QoS 2，但消息以 QoS 0 发布：代理只能按 min(0, 2) = 0 转发。订阅的 QoS 不会提高发布者的 QoS。' }),
  flow(2, 1, { en: 'QoS 2 in, QoS 1 out: exactly once to the broker, at least once from it. The weaker hop decides what the subscriber can count on.',
    zh: '进 QoS 2，出 QoS 1：到代理是只有一次，从代理出去是至少一次。较弱的那一跳决定了订阅者能得到的保证。' }),
  flow(1, 2, { en: 'QoS 1 in, QoS 2 out: the broker forwards at min(1, 2) = 1. Asking for QoS 2 costs nothing here, which is why subscribers are often advised to ask for it.',
    zh: '进 QoS 1，出 QoS 2：代理按 min(1, 2) = 1 转发。这里订阅 QoS 2 没有额外代价，所以常建议订阅者使用 QoS 2。' }),
];

const HOP = { in: ['publisher', 'broker'], out: ['broker', 'subscriber'] } as const;
const HOP_TEXT = { in: { en: 'publisher → broker hop', zh: '发布者 → 代理这一跳' }, out: { en: 'broker → subscriber hop', zh: '代理 → 订阅者这一跳' } };

function lost(qos: 1 | 2, type: PacketType, hop: 'in' | 'out', text: Text): Preset {
  // PUBLISH and PUBREL travel with the message (sender -> receiver); the acks travel back.
  const forward = type === 'PUBLISH' || type === 'PUBREL';
  const [a, b] = HOP[hop];
  const [from, to] = forward ? [a, b] : [b, a];
  return preset(`qos${qos}-drop-${type.toLowerCase()}-${hop}`, 'lost',
    { en: `QoS ${qos}: ${type} lost, ${HOP_TEXT[hop].en}`, zh: `QoS ${qos}：${type} 丢失，${HOP_TEXT[hop].zh}` }, text,
    { publishers: [{ qos }], subscribers: [{ qos }], faults: [{ kind: 'drop', type, nth: 1, from, to }] });
}

const RESEND: Text = { en: 'The connection breaks with the packet in flight. The client reconnects with its session (clean session 0) and the unacknowledged PUBLISH is sent again with DUP=1 and the same packet id.',
  zh: '连接在报文传输中断开。客户端带着会话（clean session 0）重连，未确认的 PUBLISH 以 DUP=1 和原报文标识符重发。' };
const DUPLICATE: Text = { en: 'The message already arrived, only the acknowledgement was lost. After reconnecting, the sender re-sends the PUBLISH with DUP=1, and at QoS 1 the receiver has no way to tell: a duplicate is delivered.',
  zh: '消息其实已经到了，丢的只是确认。重连后发送方以 DUP=1 重发 PUBLISH；在 QoS 1 下接收方无法分辨，于是出现重复投递。' };
const Q2_PUBREC: Text = { en: 'PUBREC is lost, so the sender re-sends the PUBLISH (DUP=1). The receiver still holds the packet id awaiting PUBREL: it answers PUBREC again and does not deliver a second time. Exactly once holds.',
  zh: 'PUBREC 丢失，发送方重发 PUBLISH（DUP=1）。接收方仍保存着等待 PUBREL 的报文标识符：它再次回复 PUBREC，不会第二次投递。只有一次依然成立。' };
const Q2_PUBREL: Text = { en: 'PUBREL is lost. After reconnecting, the sender re-sends PUBREL (not the PUBLISH: the message is already acknowledged by PUBREC). The receiver releases the id and answers PUBCOMP.',
  zh: 'PUBREL 丢失。重连后发送方重发 PUBREL（不是 PUBLISH：消息已被 PUBREC 确认）。接收方释放报文标识符并回复 PUBCOMP。' };
const Q2_PUBCOMP: Text = { en: 'PUBCOMP is lost, the last step. The sender still awaits it, so after reconnecting it re-sends PUBREL; the receiver, which already released the id, simply answers PUBCOMP again.',
  zh: 'PUBCOMP 丢失，这是最后一步。发送方仍在等待它，重连后重发 PUBREL；接收方早已释放该标识符，只需再次回复 PUBCOMP。' };

const LOST: Preset[] = [
  preset('qos0-lost', 'lost', { en: 'QoS 0: the message is lost', zh: 'QoS 0：消息丢失' },
    { en: 'At QoS 0 nobody keeps a copy. The connection breaks with the PUBLISH in flight; after reconnecting there is nothing to send again. Lost, and by design.',
      zh: 'QoS 0 下没有人保留副本。连接在 PUBLISH 传输中断开；重连后没有任何东西需要重发。消息丢失，这正是设计如此。' },
    { publishers: [{ qos: 0 }], subscribers: [{ qos: 0 }], faults: [{ kind: 'drop', type: 'PUBLISH', nth: 1, from: 'publisher', to: 'broker' }] }),
  lost(1, 'PUBLISH', 'in', RESEND), lost(1, 'PUBLISH', 'out', RESEND),
  lost(1, 'PUBACK', 'in', DUPLICATE), lost(1, 'PUBACK', 'out', DUPLICATE),
  lost(2, 'PUBLISH', 'in', RESEND), lost(2, 'PUBREC', 'in', Q2_PUBREC), lost(2, 'PUBREL', 'in', Q2_PUBREL), lost(2, 'PUBCOMP', 'in', Q2_PUBCOMP),
  lost(2, 'PUBLISH', 'out', RESEND), lost(2, 'PUBREC', 'out', Q2_PUBREC), lost(2, 'PUBREL', 'out', Q2_PUBREL), lost(2, 'PUBCOMP', 'out', Q2_PUBCOMP),
];

export const PRESETS: Preset[] = [...LESSON, ...LOST, ...LOSS, ...SESSIONS, ...BROKER];

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
