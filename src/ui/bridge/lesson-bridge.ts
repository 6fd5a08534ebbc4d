/**
 * The Lesson view's side of the worker and the browser: open a lesson (shipped, from a file, from
 * a link), keep each learner's progress in localStorage, and write the lesson's link.
 *
 * Rules this file keeps:
 * - A lesson is parsed and planned in the worker (src/lesson); a bad file or link gets one
 *   readable sentence (role="alert") and the lesson open before stays open.
 * - Progress is kept per lesson (`mqtt-qos-lab.lesson.<source>:<id>`): the answers and where the
 *   learner was; a damaged entry is ignored, never trusted.
 */
import LZString from 'lz-string';
import { useLab, type LessonAnswer, type LessonSource } from '../store/lab-store';
import { showAlert } from '../store/actions';
import { lessonLoading, lessonOpened } from '../store/lesson-actions';
import { call } from './lab-bridge';
import type { LabApi } from '../../worker/api';

export const SHIPPED_LESSON = 'qos-basics';
const LESSON_HASH = /^#lesson=([a-z0-9-]{1,60})(?:&q=([^&]*))?$/;
const LESSON_FILE_HASH = /^#lesson-file=([^&]+)(?:&q=([^&]*))?$/;

interface Kept { answers?: Record<string, LessonAnswer>; chapter?: number; question?: number }

function storageKey(source: LessonSource, id: string): string {
  return `mqtt-qos-lab.lesson.${source.kind}:${id}`;
}

function readKept(key: string): Kept {
  try {
    const data = JSON.parse(localStorage.getItem(key) ?? '{}') as Kept;
    if (!data || typeof data !== 'object') return {};
    const answers: Record<string, LessonAnswer> = {};
    for (const [k, a] of Object.entries(data.answers ?? {})) {
      if (a && (typeof a.choice === 'string' || a.choice === null) && (typeof a.right === 'boolean' || a.right === null)) answers[k] = { choice: a.choice, right: a.right };
    }
    return { answers, chapter: Number.isInteger(data.chapter) ? data.chapter : 0, question: Number.isInteger(data.question) ? data.question : 0 };
  } catch {
    return {};
  }
}

/** `chapterId/questionId` of a link, as indices of the lesson; null when it names none. */
function positionOf(lesson: { chapters: { id: string; questions: { id: string }[] }[] }, q: string | undefined): { chapter: number; question: number } | null {
  if (!q) return null;
  const [chapterId, questionId] = decodeURIComponent(q).split('/');
  const chapter = lesson.chapters.findIndex((c) => c.id === chapterId);
  if (chapter < 0) return null;
  const question = questionId ? lesson.chapters[chapter].questions.findIndex((x) => x.id === questionId) : 0;
  return { chapter, question: Math.max(0, question) };
}

let openToken = 0;

/** Open a lesson; `q` (`chapterId/questionId`) picks the question, else where the learner left off. */
export async function openLesson(source: LessonSource, q?: string): Promise<boolean> {
  const token = ++openToken;
  lessonLoading(true);
  try {
    const result = await call<Awaited<ReturnType<LabApi['openLesson']>>>((api) => api.openLesson(source));
    if (token !== openToken) return false;
    if ('error' in result) {
      lessonLoading(false);
      showAlert(result.error);
      return false;
    }
    const at = positionOf(result.lesson, q);
    if (q && !at) showAlert(`This link names a question the lesson does not have (${decodeURIComponent(q)}); the lesson opens where you left it.`);
    lessonOpened({ lesson: result.lesson, plan: result.plan, source }, readKept(storageKey(source, result.lesson.id)), at ?? undefined);
    return true;
  } catch {
    lessonLoading(false);
    return false;
  }
}

/** The learner picked a lesson file: check it in the worker; a bad one leaves the open lesson as it was. */
export async function openLessonFile(file: File): Promise<boolean> {
  if (file.size > 1_000_000) {
    showAlert(`${file.name}: a lesson file is at most 1 MB (this one is ${Math.round(file.size / 1000)} kB).`);
    return false;
  }
  let json: string;
  try {
    json = await file.text();
  } catch {
    showAlert(`${file.name}: the file could not be read.`);
    return false;
  }
  return openLesson({ kind: 'authored', json });
}

/** Open the shipped lesson unless a lesson is open or on its way. */
export function ensureLesson(): void {
  const { lesson } = useLab.getState();
  if (!lesson.doc && !lesson.loading) void openLesson({ kind: 'shipped', id: SHIPPED_LESSON });
}

/** The link of the open lesson at its current question. */
export function lessonHash(): string | null {
  const { doc, chapter, question } = useLab.getState().lesson;
  if (!doc) return null;
  const c = doc.lesson.chapters[chapter];
  const q = `&q=${encodeURIComponent(`${c.id}/${c.questions[question]?.id ?? ''}`)}`;
  return doc.source.kind === 'shipped'
    ? `#lesson=${doc.source.id}${q}`
    : `#lesson-file=${LZString.compressToEncodedURIComponent(doc.source.json)}${q}`;
}

/** A lesson link (`#lesson=…` or `#lesson-file=…`): open it and return true; any other hash: false. */
export function applyLessonHash(hash: string): boolean {
  const shipped = LESSON_HASH.exec(hash);
  if (shipped) {
    void openLesson({ kind: 'shipped', id: shipped[1] }, shipped[2]);
    return true;
  }
  const file = LESSON_FILE_HASH.exec(hash);
  if (!file) return false;
  const json = LZString.decompressFromEncodedURIComponent(file[1]);
  if (!json) {
    showAlert('This link is damaged: its lesson could not be decompressed.');
    return true;
  }
  void openLesson({ kind: 'authored', json }, file[2]);
  return true;
}

/** Keep progress: the answers and the position, per lesson, whenever they change. */
export function startLessonProgress(): void {
  useLab.subscribe((s, prev) => {
    const l = s.lesson;
    if (!l.doc || (l.answers === prev.lesson.answers && l.chapter === prev.lesson.chapter && l.question === prev.lesson.question && l.doc === prev.lesson.doc)) return;
    const kept: Kept = { answers: l.answers, chapter: l.chapter, question: l.question };
    try { localStorage.setItem(storageKey(l.doc.source, l.doc.lesson.id), JSON.stringify(kept)); } catch { /* private mode: not kept */ }
  });
}
