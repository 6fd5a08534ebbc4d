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
import type { Lang } from '../i18n';
import { clientSetup, compactPacketLabel, isLabParticipant, packetLabel, participantName, payloadPreview } from './labels';
import {
  appPublishNote, connectionLostNote, decisionNote, deliveryNote, droppedNote, hiddenStepsNote,
  isResendDecision, isConnectionSetupDecision, reconnectedNote, simNote,
} from './notes';

export type { Lang };

export interface MermaidOptions {
  /** Language of the notes (packet labels are the spec's words in both). Default 'en'. */
  lang?: Lang;
  /** Leave out connection set-up: CONNECT, CONNACK, SUBSCRIBE, SUBACK, PINGREQ, PINGRESP. */
  hideConnectionSetup?: boolean;
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
  /**
   * Events to mark (the versions view's differences): each arrow or note they draw goes in a
   * tinted box of its own (`MARK_FILL`), its label led by the mark (`Δ2`). Absent: nothing is
   * marked and the text is what it always was.
   */
  marks?: ReadonlyMap<number, string>;
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

const CONNECTION_SETUP: ReadonlySet<PacketType> = new Set(['CONNECT', 'CONNACK', 'SUBSCRIBE', 'SUBACK', 'PINGREQ', 'PINGRESP']);
const RESPONSES: ReadonlySet<PacketType> = new Set(['CONNACK', 'PUBACK', 'PUBREC', 'PUBCOMP', 'SUBACK', 'UNSUBACK', 'PINGRESP']);
const ROLE_ORDER = { publisher: 0, broker: 1, subscriber: 2 } as const;
const RETRANSMISSION_FILL = 'rect rgb(255, 243, 205)';
/** A marked item's box: a pink tint, apart from the retransmissions' yellow. */
export const MARK_FILL = 'rect rgba(219, 39, 119, 0.16)';

function isShownPacket(type: PacketType, o: MermaidOptions): boolean {
  return !(o.hideConnectionSetup && CONNECTION_SETUP.has(type));
}

/** Trace event indices that draw an arrow, in order (for windowing long runs). */
export function arrowEventIndices(trace: Trace, options: MermaidOptions = {}): number[] {
  return trace.events.filter((e) => e.kind === 'packetSent' && isShownPacket(e.packet.type, options)).map((e) => e.index);
}

/** Mermaid identifiers are cut to this length (a client id may be 65,535 characters). */
const IDENTIFIER_MAX = 40;

/**
 * Each participant's Mermaid identifier, unique. The lab's own ids are identifiers already; any
 * other (a capture's client id) gets a `c_` prefix, so it can never be a Mermaid keyword (`end`,
 * `loop`, `participant`), and a number when two ids differ only in punctuation (`a-b`, `a_b`).
 */
function identifiers(participants: readonly ParticipantInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of participants) {
    const base = isLabParticipant(p) ? toIdentifier(p.id) : `c_${toIdentifier(p.id).slice(0, IDENTIFIER_MAX)}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    out.set(p.id, id);
  }
  return out;
}

/** An event's time: whole milliseconds as they are, a capture's fractions to the microsecond. */
function timeText(tMs: number): string {
  return Number.isInteger(tMs) ? String(tMs) : String(Math.round(tMs * 1000) / 1000);
}

function orderedParticipants(trace: Trace): ParticipantInfo[] {
  return trace.participants.map((p, i) => ({ p, i }))
    .sort((a, b) => ROLE_ORDER[a.p.role] - ROLE_ORDER[b.p.role] || a.i - b.i).map((x) => x.p);
}

/**
 * Writes one diagram: the Mermaid lines, and the map from trace events to the items they drew.
 * A class, so that each kind of event is drawn by a method of its own with the shared state
 * (open retransmission box, items so far) in one place.
 */
class DiagramWriter {
  readonly lines: string[] = [];
  readonly items: DiagramItem[] = [];
  readonly itemOfEvent: number[];
  private readonly arrowOfWire = new Map<number, number>();
  private readonly sent = new Map<number, PacketSentEvent>();
  private readonly dropOf = new Map<number, number>();
  private readonly byId: Map<string, ParticipantInfo>;
  private readonly ids: Map<string, string>;
  /** first to last participant: a note over everyone */
  readonly span: string[];
  private inRect = false;

  constructor(trace: Trace, private readonly o: MermaidOptions, readonly participants: ParticipantInfo[]) {
    this.itemOfEvent = new Array<number>(trace.events.length).fill(-1);
    this.byId = new Map(participants.map((p) => [p.id, p]));
    this.ids = identifiers(participants);
    for (const e of trace.events) {
      if (e.kind === 'packetSent') this.sent.set(e.wireId, e);
      else if (e.kind === 'packetDropped') this.dropOf.set(e.wireId, e.index);
    }
    this.span = participants.length > 1 ? [participants[0].id, participants[participants.length - 1].id] : participants.map((p) => p.id);
  }

  private get lang(): Lang {
    return this.o.lang ?? 'en';
  }

  /** Notes speak of participants by their full names; only the captions are compact. */
  private who(id: string): string {
    const p = this.byId.get(id);
    return p ? participantName(p, this.lang) : id;
  }

  /** The Mermaid identifier of a participant id. */
  private ident(id: string): string {
    return this.ids.get(id) ?? toIdentifier(id);
  }

  push(line: string): void {
    this.lines.push(`${this.inRect ? '    ' : '  '}${line}`);
  }

  /** Draw one item, in a box of its own when its event is marked; `draw` gets the label's lead. */
  private marked(eventIndex: number, draw: (lead: string) => void): void {
    const mark = eventIndex >= 0 ? this.o.marks?.get(eventIndex) : undefined;
    if (mark === undefined) return draw('');
    this.push(MARK_FILL);
    const at = this.lines.length;
    draw(`${mark} `);
    for (let i = at; i < this.lines.length; i++) this.lines[i] = `  ${this.lines[i]}`;
    this.push('end');
  }

  /** Each line is escaped whole; the `<br>` between lines is ours (user text cannot make one). */
  private label(text: string, wrapAt = this.o.wrapAt): string {
    return wrapAt ? wrapWords(text, wrapAt).map(escapeLabel).join('<br>') : escapeLabel(text);
  }

  note(ids: string[], text: string, eventIndex: number): void {
    const wrapAt = ids.length === 1 ? (this.o.noteWrapAt ?? this.o.wrapAt) : this.o.wrapAt;
    this.marked(eventIndex, (lead) => this.push(`Note over ${ids.map((id) => this.ident(id)).join(',')}: ${this.label(lead + text, wrapAt)}`));
    this.items.push({ kind: 'note', eventIndex });
    if (eventIndex >= 0) this.itemOfEvent[eventIndex] = this.items.length - 1;
  }

  closeRect(): void {
    if (!this.inRect) return;
    this.inRect = false;
    this.push('end');
  }

  private openRect(): void {
    if (this.inRect) return;
    this.push(RETRANSMISSION_FILL);
    this.inRect = true;
  }

  /** The participants, each client's setup note, and a note for the steps a window leaves out. */
  header(hiddenArrows: number): void {
    const { o, lang, participants } = this;
    for (const p of participants) this.push(`participant ${this.ident(p.id)} as ${escapeLabel(participantName(p, lang, o.compact))}`);
    for (const p of participants) {
      const setup = clientSetup(p, lang, o.compact);
      if (setup) this.note([p.id], setup, -1);
    }
    if (hiddenArrows > 0 && participants.length > 0) this.note(this.span, hiddenStepsNote(hiddenArrows, lang), -1);
  }

  private arrow(e: PacketSentEvent): void {
    const o = this.o;
    if (!isShownPacket(e.packet.type, o)) return;
    if (e.retransmission) this.openRect(); else this.closeRect();
    const dropped = this.dropOf.get(e.wireId);
    const dotted = RESPONSES.has(e.packet.type) ? '--' : '-';
    const arrow = dropped !== undefined ? `${dotted}x` : `${dotted}>>`;
    const text = o.compact ? compactPacketLabel(e.packet, e.retransmission) : packetLabel(e.packet, e.retransmission, this.lang);
    const time = o.timestamps ? `${timeText(e.tMs)} ms · ` : '';
    this.marked(e.index, (lead) => this.push(`${this.ident(e.from)}${arrow}${this.ident(e.to)}: ${this.label(lead + time + text)}`));
    this.items.push({ kind: 'message', eventIndex: e.index, ...(dropped !== undefined ? { dropEventIndex: dropped } : {}) });
    this.itemOfEvent[e.index] = this.items.length - 1;
    this.arrowOfWire.set(e.wireId, this.items.length - 1);
  }

  draw(e: TraceEvent): void {
    const { o, lang } = this;
    switch (e.kind) {
      case 'appPublish':
        if (!o.compact) this.note([e.client], appPublishNote(e.publicationNo, e.qos, lang), e.index);
        return;
      case 'packetSent':
        return this.arrow(e);
      case 'packetDelivered':
        this.itemOfEvent[e.index] = this.arrowOfWire.get(e.wireId) ?? -1;
        return;
      case 'packetDropped': {
        if (!isShownPacket(e.type, o)) return;
        const packet = this.sent.get(e.wireId)?.packet;
        this.note([e.from, e.to], droppedNote(packet ? compactPacketLabel(packet, false) : e.type, e.cause, lang), e.index);
        return;
      }
      case 'connectionLost':
        this.closeRect();
        this.note([e.client, 'broker'], connectionLostNote(e.cause, lang), e.index);
        return;
      case 'connectionRestored':
        this.closeRect();
        this.note([e.client, 'broker'], reconnectedNote(e.sessionPresent, lang), e.index);
        return;
      case 'appDeliver':
        this.note([e.client], deliveryNote(e.deliveryNo, e.publicationNo, payloadPreview(e.payloadText), lang, o.compact), e.index);
        return;
      case 'note': {
        const text = simNote(e.key, e.params, e.actor ? this.who(e.actor) : '', lang);
        const over = e.actor ? [e.actor] : this.span;
        if (text === undefined || over.length === 0) return;
        this.closeRect();
        this.note(over, text, e.index);
        return;
      }
      case 'decision': {
        const actor = e.actor;
        if (!actor || (o.hideConnectionSetup && isConnectionSetupDecision(e.key))) return;
        const text = decisionNote(e.key, e.params, this.who(actor), lang);
        if (text === undefined) return;
        if (isResendDecision(e.key)) this.openRect();
        this.note([actor], text, e.index);
        return;
      }
      case 'timer':
        return;
    }
  }
}

export function toMermaidWithMap(trace: Trace, options: MermaidOptions = {}, range?: EventRange): MermaidMap {
  const first = range?.first ?? 0;
  const last = range?.last ?? trace.events.length - 1;
  const hiddenArrows = range ? arrowEventIndices(trace, options).filter((i) => i < first).length : 0;
  const w = new DiagramWriter(trace, options, orderedParticipants(trace));
  const frontMatter = options.narrow ? ['---', 'config:', `  sequence: ${JSON.stringify(NARROW_SEQUENCE)}`, '---'] : [];
  w.lines.push(...frontMatter, 'sequenceDiagram', hiddenArrows > 0 ? `  autonumber ${hiddenArrows + 1}` : '  autonumber');
  w.header(hiddenArrows);
  for (let i = Math.max(0, first); i <= last && i < trace.events.length; i++) w.draw(trace.events[i]);
  w.closeRect();
  return { text: w.lines.join('\n') + '\n', items: w.items, itemOfEvent: w.itemOfEvent, hiddenArrows };
}

export function toMermaid(trace: Trace, options: MermaidOptions = {}): string {
  return toMermaidWithMap(trace, options).text;
}
