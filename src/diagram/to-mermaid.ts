/**
 * Trace -> Mermaid `sequenceDiagram` text. Pure: the page, the exports and the CLI all use it.
 *
 * Rules this file keeps:
 * - Classic syntax only (participant, ->> -->> -x --x, Note over A,B, rect rgb(), autonumber),
 *   so the text renders unmodified on GitHub, GitLab, Docusaurus and Obsidian.
 * - Every label and note is built as plain text and escaped once, whole, by escape.ts.
 * - Each drawn message and note is an "item", in text order, with the trace event that
 *   reveals it; the live view uses that map to reveal the run step by step.
 * - Participants in a fixed order: publishers, the broker, subscribers.
 * - The text says nothing about how it is drawn, except a narrow diagram's (`narrow`, the
 *   phone's live view): its sizes travel with it, in a `config` front-matter block that
 *   Mermaid itself reads, so every renderer (and every stored prerender) draws it alike.
 */
import type { PacketType } from '../mqtt/types';
import type { ParticipantInfo, PacketSentEvent, Trace, TraceEvent } from '../sim/trace';
import { escapeLabel, toIdentifier } from './escape';
import { wrapWords } from './wrap';
import { clientSetup, compactPacketLabel, packetLabel, participantName, payloadPreview, type Lang } from './labels';
import {
  appPublishNote, connectionLostNote, decisionNote, deliveryNote, droppedNote, hiddenStepsNote,
  isResendDecision, isSetupDecision, reconnectedNote, simNote,
} from './notes';

export type { Lang };

export interface MermaidOptions {
  /** Language of the notes (packet labels are the spec's words in both). Default 'en'. */
  lang?: Lang;
  /** Leave out connection set-up: CONNECT, CONNACK, SUBSCRIBE, SUBACK, PINGREQ, PINGRESP. */
  hideSetup?: boolean;
  /** Prefix each arrow with its virtual time (`120 ms · PUBLISH …`). */
  timestamps?: boolean;
  /**
   * Short labels (`PUBLISH q1 id=1 DUP`) and captions (`Pub`, `Broker`, `Sub`), short setup
   * and delivery notes (`QoS 1, clean=0`, `✓ delivered: m1`), no application-publish notes.
   * Packet type names stay whole.
   */
  compact?: boolean;
  /**
   * Narrow actor boxes and spacing (`NARROW_SEQUENCE`), for three lifelines on a phone. The
   * settings are written into the text (front matter), so they change only this diagram.
   */
  narrow?: boolean;
  /**
   * Break labels and notes into lines of about this many characters (`<br>`, between words
   * only, never inside user text's words), so the diagram stays narrow. The live view uses it;
   * exports leave it out and keep one line per label.
   */
  wrapAt?: number;
  /**
   * Notes over a single participant break at this width instead of `wrapAt`: on a narrow
   * diagram a note wider than its column would widen the whole diagram.
   */
  noteWrapAt?: number;
}

/**
 * Mermaid's sequence settings for a narrow diagram, over the page's (mermaid-render.ts):
 * boxes of 64 px, and the room between lifelines sized by the labels alone.
 * Design: three participants with compact labels take 370 to 400 px, which a phone's
 * 390 px screen shows whole at the live view's zoom (0.85 or more).
 */
export const NARROW_SEQUENCE = { width: 64, actorMargin: 8, wrapPadding: 4, diagramMarginX: 4 } as const;

/** Inclusive range of trace event indices to draw (the live view's window on long runs). */
export interface EventRange {
  first: number;
  last: number;
}

export interface DiagramItem {
  kind: 'message' | 'note';
  /** The trace event that reveals it; -1 for always-visible notes (setup, window marker). */
  eventIndex: number;
  /** For an arrow whose packet is dropped: the packetDropped event (until then, draw it as sent). */
  dropEventIndex?: number;
}

export interface MermaidMap {
  text: string;
  /** Messages and notes in text order (= SVG order within each kind). */
  items: DiagramItem[];
  /** For each trace event, the item that shows it (-1: none). packetDelivered -> its arrow. */
  itemOfEvent: number[];
  /** Arrows left out before the range. */
  hiddenArrows: number;
}

const SETUP: ReadonlySet<PacketType> = new Set(['CONNECT', 'CONNACK', 'SUBSCRIBE', 'SUBACK', 'PINGREQ', 'PINGRESP']);
const RESPONSES: ReadonlySet<PacketType> = new Set(['CONNACK', 'PUBACK', 'PUBREC', 'PUBCOMP', 'SUBACK', 'UNSUBACK', 'PINGRESP']);
const ROLE_ORDER = { publisher: 0, broker: 1, subscriber: 2 } as const;
const RETRANSMISSION_FILL = 'rect rgb(255, 243, 205)';

function isShownPacket(type: PacketType, o: MermaidOptions): boolean {
  return !(o.hideSetup && SETUP.has(type));
}

/** Trace event indices that draw an arrow, in order (for windowing long runs). */
export function arrowEventIndices(trace: Trace, options: MermaidOptions = {}): number[] {
  return trace.events.filter((e) => e.kind === 'packetSent' && isShownPacket(e.packet.type, options)).map((e) => e.index);
}

function orderedParticipants(trace: Trace): ParticipantInfo[] {
  return trace.participants.map((p, i) => ({ p, i }))
    .sort((a, b) => ROLE_ORDER[a.p.role] - ROLE_ORDER[b.p.role] || a.i - b.i).map((x) => x.p);
}

export function toMermaidWithMap(trace: Trace, options: MermaidOptions = {}, range?: EventRange): MermaidMap {
  const lang = options.lang ?? 'en';
  const participants = orderedParticipants(trace);
  const byId = new Map(participants.map((p) => [p.id, p]));
  // Notes speak of participants by their full names; only the captions are compact.
  const who = (id: string) => { const p = byId.get(id); return p ? participantName(p, lang) : id; };
  const sent = new Map<number, PacketSentEvent>();
  const dropOf = new Map<number, number>();
  for (const e of trace.events) {
    if (e.kind === 'packetSent') sent.set(e.wireId, e);
    else if (e.kind === 'packetDropped') dropOf.set(e.wireId, e.index);
  }
  const first = range?.first ?? 0;
  const last = range?.last ?? trace.events.length - 1;
  const hiddenArrows = range ? arrowEventIndices(trace, options).filter((i) => i < first).length : 0;

  const frontMatter = options.narrow ? ['---', 'config:', `  sequence: ${JSON.stringify(NARROW_SEQUENCE)}`, '---'] : [];
  const lines = [...frontMatter, 'sequenceDiagram', hiddenArrows > 0 ? `  autonumber ${hiddenArrows + 1}` : '  autonumber'];
  const items: DiagramItem[] = [];
  const itemOfEvent: number[] = new Array<number>(trace.events.length).fill(-1);
  const arrowOfWire = new Map<number, number>();
  let inRect = false;
  const push = (line: string) => lines.push(`${inRect ? '    ' : '  '}${line}`);
  // Each line is escaped whole; the `<br>` between lines is ours (user text cannot make one).
  const label = (text: string, wrapAt = options.wrapAt) => (wrapAt ? wrapWords(text, wrapAt).map(escapeLabel).join('<br>') : escapeLabel(text));
  const note = (ids: string[], text: string, eventIndex: number) => {
    const wrapAt = ids.length === 1 ? (options.noteWrapAt ?? options.wrapAt) : options.wrapAt;
    push(`Note over ${ids.map(toIdentifier).join(',')}: ${label(text, wrapAt)}`);
    items.push({ kind: 'note', eventIndex });
    if (eventIndex >= 0) itemOfEvent[eventIndex] = items.length - 1;
  };
  const closeRect = () => { if (inRect) { inRect = false; push('end'); } };
  const openRect = () => { if (!inRect) { push(RETRANSMISSION_FILL); inRect = true; } };

  for (const p of participants) push(`participant ${toIdentifier(p.id)} as ${escapeLabel(participantName(p, lang, options.compact))}`);
  for (const p of participants) {
    const setup = clientSetup(p, lang, options.compact);
    if (setup) note([p.id], setup, -1);
  }
  // A note over every participant: first to last.
  const span = participants.length > 1 ? [participants[0].id, participants[participants.length - 1].id] : participants.map((p) => p.id);
  if (hiddenArrows > 0 && participants.length > 0) note(span, hiddenStepsNote(hiddenArrows, lang), -1);

  const draw = (e: TraceEvent): void => {
    switch (e.kind) {
      case 'appPublish':
        if (!options.compact) note([e.client], appPublishNote(e.publicationNo, e.qos, lang), e.index);
        return;
      case 'packetSent': {
        if (!isShownPacket(e.packet.type, options)) return;
        if (e.retransmission) openRect(); else closeRect();
        const dropped = dropOf.get(e.wireId);
        const dotted = RESPONSES.has(e.packet.type) ? '--' : '-';
        const arrow = dropped !== undefined ? `${dotted}x` : `${dotted}>>`;
        const text = options.compact ? compactPacketLabel(e.packet, e.retransmission) : packetLabel(e.packet, e.retransmission, lang);
        const time = options.timestamps ? `${e.tMs} ms · ` : '';
        push(`${toIdentifier(e.from)}${arrow}${toIdentifier(e.to)}: ${label(time + text)}`);
        items.push({ kind: 'message', eventIndex: e.index, ...(dropped !== undefined ? { dropEventIndex: dropped } : {}) });
        itemOfEvent[e.index] = items.length - 1;
        arrowOfWire.set(e.wireId, items.length - 1);
        return;
      }
      case 'packetDelivered':
        itemOfEvent[e.index] = arrowOfWire.get(e.wireId) ?? -1;
        return;
      case 'packetDropped': {
        if (!isShownPacket(e.type, options)) return;
        const packet = sent.get(e.wireId)?.packet;
        note([e.from, e.to], droppedNote(packet ? compactPacketLabel(packet, false) : e.type, e.cause, lang), e.index);
        return;
      }
      case 'connectionLost':
        closeRect();
        note([e.client, 'broker'], connectionLostNote(e.cause, lang), e.index);
        return;
      case 'connectionRestored':
        closeRect();
        note([e.client, 'broker'], reconnectedNote(e.sessionPresent, lang), e.index);
        return;
      case 'appDeliver':
        note([e.client], deliveryNote(e.deliveryNo, e.publicationNo, payloadPreview(e.payloadText), lang, options.compact), e.index);
        return;
      case 'note': {
        const text = simNote(e.key, e.params, e.actor ? who(e.actor) : '', lang);
        const over = e.actor ? [e.actor] : span;
        if (text === undefined || over.length === 0) return;
        closeRect();
        note(over, text, e.index);
        return;
      }
      case 'decision': {
        const actor = e.actor;
        if (!actor || (options.hideSetup && isSetupDecision(e.key))) return;
        const text = decisionNote(e.key, e.params, who(actor), lang);
        if (text === undefined) return;
        if (isResendDecision(e.key)) openRect();
        note([actor], text, e.index);
        return;
      }
      case 'timer':
        return;
    }
  };
  for (let i = Math.max(0, first); i <= last && i < trace.events.length; i++) draw(trace.events[i]);
  closeRect();
  return { text: lines.join('\n') + '\n', items, itemOfEvent, hiddenArrows };
}

export function toMermaid(trace: Trace, options: MermaidOptions = {}): string {
  return toMermaidWithMap(trace, options).text;
}
