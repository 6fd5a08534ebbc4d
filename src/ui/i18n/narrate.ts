/**
 * Trace event -> one sentence in the chosen language. Trace events carry data only (kind,
 * key, params); the prose lives in en.ts / zh.ts. Engine decisions use their DECISION_KEYS key,
 * simulator notes their note key (`notes`). Every event the simulator can emit gets a sentence
 * (narrate-coverage.test.ts); narrateStep leaves the quiet ones out.
 */
import type { PacketSentEvent, TraceEvent } from '../../sim/trace';
import type { Messages } from './en';
import type { NarrationParams } from './types';

const QUIET = new Set(['packetDelivered', 'timer']);

function packetParams(t: Messages, e: PacketSentEvent): NarrationParams {
  const p = e.packet;
  const base: NarrationParams = { from: t.participant(e.from), to: t.participant(e.to), type: p.type };
  switch (p.type) {
    case 'CONNECT': return { ...base, cleanSession: p.cleanSession, keepAliveSec: p.keepAliveSec };
    case 'CONNACK': return { ...base, sessionPresent: p.sessionPresent };
    case 'SUBSCRIBE': return { ...base, filters: p.subscriptions.map((s) => s.topicFilter).join(', '), qos: p.subscriptions.map((s) => s.qos).join(', ') };
    case 'SUBACK': return { ...base, granted: p.returnCodes.map((c) => (c === 0x80 ? '0x80' : c)).join(', ') };
    case 'PUBLISH': return { ...base, packetId: p.packetId ?? '', qos: p.qos };
    case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP': case 'UNSUBACK': case 'UNSUBSCRIBE': return { ...base, packetId: p.packetId };
    default: return base;
  }
}

function narratePacket(t: Messages, e: PacketSentEvent): string {
  const params = packetParams(t, e);
  const p = e.packet;
  const n = t.narrate;
  if (p.type === 'PUBLISH') {
    if (p.dup || e.retransmission) return n.PUBLISHdup(params);
    return p.qos === 0 ? n.PUBLISH0(params) : p.qos === 1 ? n.PUBLISH1(params) : n.PUBLISH2(params);
  }
  if (e.retransmission && 'packetId' in p) return n.resent(params);
  return n[p.type](params);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

type Templates = Record<string, ((p: NarrationParams) => string) | undefined>;

/** Params with participant ids (`client`, `clientId`, `publisher`) in the reader's words. */
function localised(t: Messages, params: NarrationParams): NarrationParams {
  const out = { ...params };
  for (const k of ['client', 'clientId', 'publisher']) if (typeof out[k] === 'string') out[k] = t.participant(out[k]);
  return out;
}

/** One sentence for an event, or null for events that only make sense with their step. */
export function narrate(t: Messages, e: TraceEvent): string | null {
  const n = t.narrate;
  switch (e.kind) {
    case 'appPublish':
      return n.appPublish({ client: t.participant(e.client), publicationNo: e.publicationNo, payload: e.payloadText, topic: e.topic, qos: e.qos });
    case 'packetSent':
      return narratePacket(t, e);
    case 'packetDelivered':
      return n.delivered({ type: e.type, from: t.participant(e.from), to: t.participant(e.to) });
    case 'packetDropped': {
      const params = { type: e.type, from: t.participant(e.from), to: t.participant(e.to), cause: n.dropCause[e.cause] ?? e.cause };
      if (e.cause === 'connectionBroken') return n.droppedWithConnection(params);
      // `breaks` is false in the retry-on-timeout mode: the packet vanishes, the connection lives on.
      return e.params.breaks === false ? n.droppedAlone(params) : n.dropped(params);
    }
    case 'connectionLost':
      return n.connectionLost({ client: t.participant(e.client), cause: n.cause[e.cause] ?? e.cause });
    case 'connectionRestored':
      return n.connectionRestored({ client: t.participant(e.client), sessionPresent: e.sessionPresent });
    case 'appDeliver':
      if (e.will) {
        return n.appDeliverWill(localised(t, { client: e.client, payload: e.payloadText, topic: e.topic, qos: e.qos,
          ...(typeof e.params.publisher === 'string' && { publisher: e.params.publisher }) }));
      }
      return n.appDeliver({ client: t.participant(e.client), publicationNo: e.publicationNo, payload: e.payloadText, qos: e.qos, deliveryNo: e.deliveryNo });
    case 'decision': {
      const template = (t.decisions as Templates)[e.key];
      return template ? capitalise(template(localised(t, e.params))) : null;
    }
    case 'timer': {
      const template = (n.timers as Templates)[e.key.replace(/^timer\./, '')] ?? n.timer;
      return template({ actor: t.participant(e.actor) });
    }
    case 'note': {
      if (typeof e.params.text === 'string') return n.note({ text: e.params.text });
      const template = (t.notes as Templates)[e.key];
      return template ? capitalise(template(localised(t, e.params))) : null;
    }
    default:
      return null;
  }
}

/** The sentences of a step: its decisions and happenings, in order, without the quiet ones. */
export function narrateStep(t: Messages, events: readonly TraceEvent[]): string[] {
  const lines: string[] = [];
  for (const e of events) {
    if (QUIET.has(e.kind)) continue;
    const line = narrate(t, e);
    if (line && lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines.slice(-3);
}
