/**
 * A question's choices, its right answer and where its reveal ends, computed from the trace of
 * the run it stops (FORMAT.md, Kinds). The author never types an answer: this is where it comes from.
 *
 * Rules this file keeps:
 * - Choices and answers are values as strings: the packet notation for `nextPacket`, integers in
 *   decimal for `deliveries`, `packets` and `qos`, `lost` / `once` / `duplicated` for `fate`.
 * - The answer must be among the choices and the reveal must end after the stop; a reveal set by
 *   the author plays further than the kind's own, never less far (it would hide the answer).
 * - One `switch` on the kind, ending in `assertNever`: a new kind cannot be half-answered.
 */
import type { AppDeliverEvent, AppPublishEvent, PacketSentEvent } from '../sim/trace';
import type { Parsed } from '../sim/scenario';
import { assertNever } from '../mqtt/errors';
import { endCursor, revealCursor, sentIndex, type SteppedTrace } from './cursors';
import { formatSentPacket } from './packet-ref';
import type { Question } from './schema';

export const FATES = ['lost', 'once', 'duplicated'] as const;
export type Fate = (typeof FATES)[number];
export const QOS_CHOICES = ['0', '1', '2'] as const;

export interface Answered {
  choices: string[];
  answer: string;
  /** cursor where the reveal ends */
  revealTo: number;
}

type Kind<K extends Question['kind']> = Extract<Question, { kind: K }>;

/** Choices, answer and reveal of question `q` stopped at cursor `stop` of `run`. */
export function answerQuestion(q: Question, run: SteppedTrace, stop: number): Parsed<Answered> {
  const own = ownReveal(q, run, stop);
  if (!own.ok) return own;
  let revealTo = own.value;
  if (q.reveal !== undefined) {
    const r = revealCursor(run, q.reveal);
    if (!r.ok) return r;
    if (r.value < own.value && q.kind !== 'packets') return { ok: false, error: `reveal: the reveal ends before the answer is shown (it must reveal to ${own.value} at least)` };
    revealTo = r.value;
  }
  if (revealTo < stop) return { ok: false, error: 'the reveal ends before the stop' };
  if (revealTo === stop) return { ok: false, error: 'the reveal ends at the stop: it shows nothing' };
  const answered = answerOf(q, run, stop, revealTo);
  if (!answered.ok) return answered;
  const { choices, answer, what } = answered.value;
  if (!choices.includes(answer)) return { ok: false, error: `${what}, which is not among the choices` };
  return { ok: true, value: { choices, answer, revealTo } };
}

/** Where the kind's own reveal ends: the asked packet's step, or the end of the run. */
function ownReveal(q: Question, run: SteppedTrace, stop: number): Parsed<number> {
  switch (q.kind) {
    case 'nextPacket': {
      const next = nextSent(run, stop);
      return next ? { ok: true, value: next.index } : { ok: false, error: 'nothing is sent after the stop' };
    }
    case 'qos': {
      const sent = sentIndex(run, q.packet);
      return sent.ok ? sent : { ok: false, error: `packet: ${sent.error}` };
    }
    case 'deliveries': case 'fate': case 'packets':
      return { ok: true, value: endCursor(run) };
    default:
      return assertNever(q, 'question kind');
  }
}

/** The answer, the choices, and the answer in words for the error when it is not a choice. */
function answerOf(q: Question, run: SteppedTrace, stop: number, revealTo: number): Parsed<{ choices: string[]; answer: string; what: string }> {
  switch (q.kind) {
    case 'nextPacket': {
      const answer = formatSentPacket(nextSent(run, stop)!);
      return { ok: true, value: { choices: q.choices, answer, what: `the next packet is ${answer}` } };
    }
    case 'qos': {
      const sent = sentIndex(run, q.packet);
      if (!sent.ok) return sent;
      const e = run.trace.events[sent.value];
      // The schema lets only a PUBLISH be asked about, and only a PUBLISH has a QoS.
      const answer = String(e.kind === 'packetSent' && e.packet.type === 'PUBLISH' ? e.packet.qos : 0);
      return { ok: true, value: { choices: [...QOS_CHOICES], answer, what: `the QoS is ${answer}` } };
    }
    case 'deliveries': case 'fate': {
      const n = deliveries(q, run);
      if (!n.ok) return n;
      if (q.kind === 'fate') {
        const fate: Fate = n.value === 0 ? 'lost' : n.value === 1 ? 'once' : 'duplicated';
        return { ok: true, value: { choices: [...FATES], answer: fate, what: `the message is ${fate}` } };
      }
      return { ok: true, value: { choices: q.choices.map(String), answer: String(n.value), what: `the answer is ${plural(n.value, 'delivery', 'deliveries')}` } };
    }
    case 'packets': {
      const types: readonly string[] = q.types;
      const n = run.trace.events.filter((e) => e.index > stop && e.index <= revealTo && e.kind === 'packetSent' && types.includes(e.packet.type)).length;
      return { ok: true, value: { choices: q.choices.map(String), answer: String(n), what: `the answer is ${plural(n, 'packet', 'packets')}` } };
    }
    default:
      return assertNever(q, 'question kind');
  }
}

/** The first packet sent after the cursor. */
function nextSent(run: SteppedTrace, cursor: number): PacketSentEvent | undefined {
  return run.trace.events.find((e, i): e is PacketSentEvent => i > cursor && e.kind === 'packetSent');
}

/** How many times `q.client` gets `q.publisher`'s `q.publication`-th message (wills not counted). */
function deliveries(q: Kind<'deliveries'> | Kind<'fate'>, run: SteppedTrace): Parsed<number> {
  const { events, participants } = run.trace;
  if (!participants.some((p) => p.id === q.client)) return { ok: false, error: `client: the run has no ${q.client}` };
  if (!participants.some((p) => p.id === q.publisher)) return { ok: false, error: `publisher: the run has no ${q.publisher}` };
  const published = events.filter((e): e is AppPublishEvent => e.kind === 'appPublish' && e.client === q.publisher);
  if (published.length < q.publication) {
    return { ok: false, error: `publication: ${q.publisher} publishes only ${plural(published.length, 'message', 'messages')}, so there is no publication ${q.publication}` };
  }
  // A run that hit its bound has not shown every delivery yet: no answer can be claimed from it.
  if (events.some((e) => e.kind === 'note' && e.key === 'run.unsettled')) return { ok: false, error: 'the run does not settle, so its deliveries are not final' };
  const { publicationNo } = published[q.publication - 1];
  return { ok: true, value: events.filter((e): e is AppDeliverEvent => e.kind === 'appDeliver' && e.client === q.client && e.publicationNo === publicationNo && !e.will).length };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
