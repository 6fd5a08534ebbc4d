/**
 * Trace event -> one sentence in the chosen language. Trace events carry data only (kind,
 * key, params); the prose lives in the catalog (en/narration.ts, zh/narration.ts). Engine
 * decisions use their DECISION_KEYS key, simulator notes their note key (`notes`). Every event
 * the simulator can emit gets a sentence (narrate-coverage.test.ts); narrateStep leaves the
 * quiet ones out.
 *
 * Design: an event alone gives sentences true whatever came before ("DUP = 1: the broker cannot
 *   tell a re-send from a new message"). Given the trace, narration may add what only the trace
 *   knows: whether that receiver really had the first copy (first-copy.ts). An application's
 *   delivery says "duplicate" from its own deliveryNo.
 */
import type { DecisionEvent, PacketSentEvent, Trace, TraceEvent } from '../sim/trace';
import type { Messages } from './catalog';
import { dupPublishDelivered, hadFirstCopy } from './first-copy';
import { lookup } from './lookup';
import type { NarrationParams, Template } from './types';

const QUIET = new Set(['packetDelivered', 'timer']);

function packetParams(t: Messages, e: PacketSentEvent): NarrationParams {
  const p = e.packet;
  const base: NarrationParams = { from: t.participant(e.from), to: t.participant(e.to), type: p.type };
  switch (p.type) {
    case 'CONNECT': return { ...base, cleanSession: p.cleanSession, keepAliveSec: p.keepAliveSec };
    case 'CONNACK': return { ...base, sessionPresent: p.sessionPresent };
    case 'SUBSCRIBE': return { ...base, filters: p.subscriptions.map((s) => s.topicFilter).join(', '), qos: p.subscriptions.map((s) => s.qos).join(', ') };
    case 'SUBACK': return { ...base, granted: ('returnCodes' in p ? p.returnCodes : p.reasonCodes).map((c) => (c >= 0x80 ? `0x${c.toString(16)}` : c)).join(', ') };
    case 'PUBLISH': return { ...base, packetId: p.packetId ?? '', qos: p.qos };
    case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP': case 'UNSUBACK': case 'UNSUBSCRIBE': return { ...base, packetId: p.packetId };
    default: return base;
  }
}

/**
 * The reason codes a 5.0 PUBACK, PUBREC, PUBREL or PUBCOMP may carry, as their catalog entries
 * (fields.ts): the narration reads out what a code other than 0x00 means (MQTT 5.0, 3.4.2.1).
 */
const ACK_REASON: Record<number, string> = {
  0x10: 'reason-no-matching-subscribers', 0x80: 'reason-unspecified-error', 0x83: 'reason-implementation-specific-error',
  0x87: 'reason-not-authorized', 0x90: 'reason-topic-name-invalid', 0x91: 'reason-packet-identifier-in-use',
  0x92: 'reason-packet-identifier-not-found', 0x97: 'reason-quota-exceeded', 0x99: 'reason-payload-format-invalid',
};

/** A 5.0 acknowledgement with a Reason Code other than Success: what the code says, and whether it ends the exchange. */
function narrateAckReason(t: Messages, params: NarrationParams, code: number): string {
  const hex = `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  const key = ACK_REASON[code];
  const reason = key !== undefined && key in t.fields ? t.fields[key as keyof Messages['fields']] : hex;
  const withReason = { ...params, code: hex, reason };
  return code >= 0x80 ? t.narrate.ackFailed(withReason) : t.narrate.ackSuccessReason(withReason);
}

function narratePacket(t: Messages, e: PacketSentEvent): string {
  const params = packetParams(t, e);
  const p = e.packet;
  const n = t.narrate;
  if ((p.type === 'PUBACK' || p.type === 'PUBREC' || p.type === 'PUBREL' || p.type === 'PUBCOMP') && 'reasonCode' in p
    && typeof p.reasonCode === 'number' && p.reasonCode !== 0) {
    return narrateAckReason(t, params, p.reasonCode);
  }
  if (p.type === 'PUBLISH') {
    if (p.dup || e.retransmission) return n.PUBLISHdup(params);
    return p.qos === 0 ? n.PUBLISH0(params) : p.qos === 1 ? n.PUBLISH1(params) : n.PUBLISH2(params);
  }
  if (e.retransmission && 'packetId' in p) return n.resent(params);
  return n[p.type](params);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Params with participant ids (`client`, `clientId`, `publisher`) in the reader's words. */
function localised(t: Messages, params: NarrationParams): NarrationParams {
  const out = { ...params };
  for (const k of ['client', 'clientId', 'publisher']) if (typeof out[k] === 'string') out[k] = t.participant(out[k]);
  return out;
}

/**
 * For a decision about an arriving DUP = 1 PUBLISH, `hadFirstCopy`: whether its receiver (the
 * decision's actor) had an earlier copy. Nothing for other decisions, or without the trace.
 */
function knownFacts(e: DecisionEvent, trace: Trace | null | undefined): NarrationParams {
  if (!trace || e.key !== 'broker.qos1.duplicate') return {};
  for (let i = e.index - 1; i >= 0; i--) {
    const d = trace.events[i];
    if (d.kind !== 'packetDelivered' || d.to !== e.actor) continue;
    const dup = dupPublishDelivered(trace.events, d);
    return dup ? { hadFirstCopy: hadFirstCopy(trace.events, d, dup.packetId) } : {};
  }
  return {};
}

/**
 * One sentence for an event, or null for events that only make sense with their step. With the
 * run's trace, a sentence may also say what only the trace knows (see Design above).
 */
export function narrate(t: Messages, e: TraceEvent, trace?: Trace | null): string | null {
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
      const template = lookup<Template>(t.decisions, e.key);
      return template ? capitalise(template(localised(t, { ...e.params, ...knownFacts(e, trace) }))) : null;
    }
    case 'timer': {
      const template = lookup(n.timers, e.key.replace(/^timer\./, '')) ?? n.timer;
      return template({ actor: t.participant(e.actor) });
    }
    case 'note': {
      if (typeof e.params.text === 'string') return n.note({ text: e.params.text });
      const template = lookup<Template>(t.notes, e.key);
      return template ? capitalise(template(localised(t, e.params))) : null;
    }
    default:
      return null;
  }
}

/**
 * The sentences of a step: its decisions and happenings, in order, without the quiet ones. Pass
 * the run's trace (which `events` are a slice of) to let them say what only the trace knows.
 */
export function narrateStep(t: Messages, events: readonly TraceEvent[], trace?: Trace | null): string[] {
  const lines: string[] = [];
  for (const e of events) {
    if (QUIET.has(e.kind)) continue;
    const line = narrate(t, e, trace);
    if (line && lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines.slice(-3);
}
