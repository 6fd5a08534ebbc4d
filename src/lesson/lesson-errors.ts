/**
 * One sentence for what is wrong with a lesson file, naming the place an author looks for:
 * `chapters[2] "downgrade", questions[1] "qos-out": choices: the value 7 is not 0, 1 or 2`.
 *
 * Rules this file keeps:
 * - A place is the chapter (index and id) and the question (index and id), then the field
 *   inside it in dots: the ids are what an author searches the file for, the indices say
 *   which one when an id is itself the problem.
 * - Zod's own words ("Invalid input: expected string, received undefined") never reach an
 *   author: each kind of issue is said in plain words, and messages written in the schema are
 *   kept as they are.
 */
import type { z } from 'zod';

type Path = readonly PropertyKey[];

/** `chapters[2] "downgrade"` or `chapters[2] "downgrade", questions[1] "qos-out"` (ids left out when not strings). */
export function lessonPlace(chapter: number, chapterId: unknown, question?: number, questionId?: unknown): string {
  const named = (what: string, i: number, name: unknown) => `${what}[${i}]${typeof name === 'string' ? ` ${JSON.stringify(name)}` : ''}`;
  const place = named('chapters', chapter, chapterId);
  return question === undefined ? place : `${place}, ${named('questions', question, questionId)}`;
}

/** The place of a path in the lesson `input`, and the rest of the path inside it. */
function placeOf(path: Path, input: unknown): { place: string; rest: Path } {
  if (path[0] !== 'chapters' || typeof path[1] !== 'number') return { place: '', rest: path };
  const chapter = at(input, ['chapters', path[1]]);
  if (path[2] !== 'questions' || typeof path[3] !== 'number') {
    return { place: lessonPlace(path[1], at(chapter, ['id'])), rest: path.slice(2) };
  }
  const question = at(chapter, ['questions', path[3]]);
  return { place: lessonPlace(path[1], at(chapter, ['id']), path[3], at(question, ['id'])), rest: path.slice(4) };
}

function at(value: unknown, path: Path): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** `stop.after`, `choices[1]`, `title.zh`. */
function field(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i > 0 ? '.' : ''}${String(k)}`)).join('');
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'a list' : v === null ? 'null'
  : typeof v === 'object' ? 'an object' : String(v));
const orList = (values: readonly unknown[]): string => {
  const shown = values.map((v) => (typeof v === 'string' ? v : String(v)));
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
};
const EXPECTED: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'a whole number', object: 'an object', array: 'a list', boolean: 'true or false', record: 'an object',
};
/** Messages zod writes itself start so; the schema's own messages are kept as written. */
const ZOD_WORDS = /^(Invalid|Too small|Too big|Unrecognized)/;

/** One issue (the first of a failed parse) as one sentence. */
export function describeLessonIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const { place, rest } = placeOf(issue.path, input);
  const value = issue.input;
  let path = rest;
  let problem: string;
  if (issue.code === 'invalid_type' && value === undefined) {
    return `${place ? `${place}: ` : ''}${field(rest) || 'the lesson'} is missing`;
  } else if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    // A question without a known `kind`: the issue comes with the whole question as its input.
    const kind = at(value, [issue.discriminator]);
    path = [...rest];
    if (kind === undefined) return `${place}: ${field(path) || 'kind'} is missing`;
    problem = `the value ${show(kind)} is not ${orList(('options' in issue && issue.options) || [])}`;
  } else if (!ZOD_WORDS.test(issue.message)) {
    problem = issue.message;
  } else {
    ({ problem, path } = zodProblem(issue, rest, value));
  }
  const where = [place, field(path)].filter(Boolean).join(': ');
  return `${where || 'lesson'}: ${problem}`;
}

/** Zod's issue codes in plain words; a value quoted in the problem needs no index in the path. */
function zodProblem(issue: z.core.$ZodIssue, rest: Path, value: unknown): { problem: string; path: Path } {
  const unindexed = typeof rest[rest.length - 1] === 'number' ? rest.slice(0, -1) : rest;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int' && typeof value === 'number') return { problem: `the value ${value} is not a whole number`, path: unindexed };
      return { problem: `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${show(value)}`, path: rest };
    case 'invalid_value':
      return { problem: `the value ${show(value)} is not ${orList(issue.values)}`, path: unindexed };
    case 'unrecognized_keys':
      return { problem: `unknown ${issue.keys.length > 1 ? 'keys' : 'key'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`, path: rest };
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = Number(small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum);
      if (issue.origin === 'array') return { problem: small ? `needs at least ${limit} entries` : `has more than ${limit} entries`, path: rest };
      if (issue.origin === 'string') return { problem: small ? (limit === 1 ? 'is empty' : `is shorter than ${limit} characters`) : `is longer than ${limit} characters`, path: rest };
      return { problem: `the value ${show(value)} is ${small ? 'less' : 'more'} than ${limit.toLocaleString('en-US')}`, path: unindexed };
    }
    default:
      return { problem: issue.message, path: rest };
  }
}
