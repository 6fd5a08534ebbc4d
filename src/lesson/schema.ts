/**
 * The lesson file format (FORMAT.md) as a zod schema, and the parse of a file into a `Lesson`.
 *
 * Rules this file keeps:
 * - FORMAT.md is the contract: every object is strict (an unknown key is a typo, and is found),
 *   every default of FORMAT.md is filled in here, so a parsed lesson says everything.
 * - What the schema alone can decide is decided here: shapes, both languages, the PACKET notation
 *   (read by the CLI's own parseDropRule), unique ids, exactly one of preset / scenario. What needs
 *   a run (does the packet exist, is the answer among the choices) is plan.ts's.
 * - A bad file gets one sentence naming the place (lesson-errors.ts), never an exception.
 */
import { z } from 'zod';
import type { Parsed } from '../sim/scenario';
import { parsePacketRef, parseSentPacket } from './packet-ref';
import { describeLessonIssue } from './lesson-errors';
import { findJsonSyntaxError } from './json-syntax';

const MAX_TEXT = 2000;
const id = z.string().regex(/^[a-z0-9-]{1,60}$/, { error: (iss) => `${JSON.stringify(iss.input)} is not an id: 1 to 60 of a-z, 0-9 and -` });

/** HTML tags outside `code` spans: a lesson's texts are plain text (FORMAT.md). */
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/;
const plainText = z.string()
  .refine((s) => s.trim() !== '', 'is empty')
  .refine((s) => s.length <= MAX_TEXT, { error: (iss) => `is ${(iss.input as string).length.toLocaleString('en-US')} characters long; at most ${MAX_TEXT.toLocaleString('en-US')}` })
  .refine((s) => !HTML_TAG.test(s.replace(/`[^`]*`/g, '')), 'contains an HTML tag; texts are plain text (`code` in backticks is allowed)');

/** A text in both languages of the lab; both are required. */
const localText = z.strictObject({ en: plainText, zh: plainText });

/** PACKET notation, checked with the CLI's drop notation parser. */
const packet = z.string().superRefine((s, ctx) => {
  const r = parsePacketRef(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});
const publishPacket = packet.refine((s) => !parsePacketRef(s).ok || s.startsWith('PUBLISH'), { error: (iss) => `${JSON.stringify(iss.input)} is not a PUBLISH` });

const stop = z.union([z.literal('start'), z.strictObject({ before: packet }), z.strictObject({ after: packet })],
  { error: 'must be "start", { "before": PACKET } or { "after": PACKET }' });
const reveal = z.union([z.literal('end'), z.strictObject({ after: packet })], { error: 'must be "end" or { "after": PACKET }' });

const count = z.int().min(0).max(1_000_000);
const distinct = <T>(values: T[]) => new Set(values).size === values.length;
const countChoices = z.array(count).min(2, 'needs at least 2 choices').max(6, 'has more than 6 choices')
  .refine(distinct, 'has the same choice twice');
const sentPacketChoice = z.string().superRefine((s, ctx) => {
  const r = parseSentPacket(s);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
});

/** Fields every question has, whatever it asks. */
const common = {
  id,
  text: localText.optional(),
  preset: z.string().min(1).max(60).optional(),
  /** the lab's scenario schema; plan.ts parses it (it needs no lesson rules) */
  scenario: z.record(z.string(), z.unknown()).optional(),
  stop: stop.optional(),
  ask: localText,
  explain: localText.optional(),
  reveal: reveal.optional(),
};
/** Who gets which message, for the questions about one publication. */
const delivery = {
  client: z.string().regex(/^subscriber\d*$/, { error: (iss) => `${JSON.stringify(iss.input)} is not a subscriber (subscriber, subscriber2, ...)` }).default('subscriber'),
  publisher: z.string().regex(/^publisher\d*$/, { error: (iss) => `${JSON.stringify(iss.input)} is not a publisher (publisher, publisher2, ...)` }).default('publisher'),
  /** the publisher's n-th message, counting from 1 */
  publication: z.int().min(1).max(100_000).default(1),
};

export const PACKET_TYPES = ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE',
  'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT'] as const;
/** What `packets` counts when `types` is not given: PUBLISH and its acknowledgements. */
export const FLOW_PACKET_TYPES = ['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'] as const;

export const questionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('nextPacket'),
    choices: z.array(sentPacketChoice).min(2, 'needs at least 2 choices').max(6, 'has more than 6 choices').refine(distinct, 'has the same choice twice') }),
  z.strictObject({ ...common, kind: z.literal('deliveries'), ...delivery, choices: countChoices.default([0, 1, 2]) }),
  z.strictObject({ ...common, kind: z.literal('fate'), ...delivery }),
  z.strictObject({ ...common, kind: z.literal('qos'), packet: publishPacket }),
  z.strictObject({ ...common, kind: z.literal('packets'),
    types: z.array(z.enum(PACKET_TYPES)).min(1).refine(distinct, 'has the same type twice').default([...FLOW_PACKET_TYPES]),
    choices: countChoices }),
]);

export const chapterSchema = z.strictObject({
  id,
  title: localText,
  text: localText,
  preset: z.string().min(1).max(60).optional(),
  scenario: z.record(z.string(), z.unknown()).optional(),
  questions: z.array(questionSchema).min(1, 'needs at least 1 question').max(20, 'has more than 20 questions'),
  takeaway: localText.optional(),
});

export const lessonSchema = z.strictObject({
  v: z.literal(1),
  id,
  title: localText,
  summary: localText.optional(),
  chapters: z.array(chapterSchema).min(1, 'needs at least 1 chapter').max(40, 'has more than 40 chapters'),
});

export type LocalText = z.output<typeof localText>;
export type Lesson = z.output<typeof lessonSchema>;
export type Chapter = z.output<typeof chapterSchema>;
export type Question = z.output<typeof questionSchema>;
export type QuestionKind = Question['kind'];
export type Stop = NonNullable<Question['stop']>;
export type Reveal = NonNullable<Question['reveal']>;

/** Parse a lesson already read as JSON. */
export function parseLesson(input: unknown): Parsed<Lesson> {
  const r = lessonSchema.safeParse(input, { reportInput: true });
  if (!r.success) return { ok: false, error: describeLessonIssue(r.error.issues[0], input) };
  const problem = crossCheck(r.data);
  return problem ? { ok: false, error: problem } : { ok: true, value: r.data };
}

/** Parse a lesson file's text. */
export function parseLessonJson(text: string): Parsed<Lesson> {
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const at = findJsonSyntaxError(text.replace(/^\uFEFF/, ''));
    return { ok: false, error: `not JSON: ${at ? `${at.message} at line ${at.line}, column ${at.column}` : (e as Error).message}` };
  }
  return parseLesson(input);
}

/** Rules across fields: unique ids, exactly one scenario per chapter, at most one per question. */
function crossCheck(lesson: Lesson): string | null {
  const chapterAt = new Map<string, number>();
  for (const [ci, chapter] of lesson.chapters.entries()) {
    const place = `chapters[${ci}] "${chapter.id}"`;
    const seen = chapterAt.get(chapter.id);
    if (seen !== undefined) return `${place}: id: chapters[${seen}] has the same id`;
    chapterAt.set(chapter.id, ci);
    if (chapter.preset !== undefined && chapter.scenario !== undefined) return `${place}: has both preset and scenario; give exactly one`;
    if (chapter.preset === undefined && chapter.scenario === undefined) return `${place}: has neither preset nor scenario; give exactly one`;
    const questionAt = new Map<string, number>();
    for (const [qi, question] of chapter.questions.entries()) {
      const seenQ = questionAt.get(question.id);
      if (seenQ !== undefined) return `${place}, questions[${qi}] "${question.id}": id: questions[${seenQ}] has the same id`;
      questionAt.set(question.id, qi);
      if (question.preset !== undefined && question.scenario !== undefined) {
        return `${place}, questions[${qi}] "${question.id}": has both preset and scenario; give at most one`;
      }
    }
  }
  return null;
}
