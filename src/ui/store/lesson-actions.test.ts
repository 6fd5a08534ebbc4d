import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../worker/api';
import { useLab, initialState } from './lab-store';
import * as act from './actions';
import * as lesson from './lesson-actions';
import { verdictHidden } from './selectors';

function runNow(): void {
  const { request } = useLab.getState();
  const result = api.run(request.input);
  if ('error' in result) act.runFailed(result.error);
  else act.runLoaded(result, request);
}

/** Let the playback timer's ticks happen at once: step until playing stops. */
function playOut(): void {
  for (let i = 0; i < 10_000 && useLab.getState().playback.playing; i++) act.stepForward();
}

async function open(at?: { chapter: number; question: number }) {
  const r = await api.openLesson({ kind: 'shipped', id: 'qos-basics' });
  if ('error' in r) throw new Error(r.error);
  lesson.lessonOpened({ ...r, source: { kind: 'shipped', id: 'qos-basics' } }, {}, at);
  runNow();
  return r;
}

const planned = () => {
  const s = useLab.getState();
  return lesson.plannedAt(s.lesson, s.lesson.chapter, s.lesson.question)!;
};

describe('a lesson in the store', () => {
  beforeEach(() => {
    useLab.setState(initialState(), true);
    act.presetsLoaded(api.presets());
    act.setTab('lesson');
  });

  it('opens at the first question, runs its scenario and plays up to the stop, no further', async () => {
    await open();
    const q = planned();
    expect(useLab.getState().scenario).toEqual(q.scenario);
    expect(useLab.getState().playback).toMatchObject({ playing: true, limit: q.stop, until: q.stop });
    playOut();
    expect(useLab.getState().playback.cursor).toBe(q.stop);
    expect(act.stepForward()).toBe(false);
    act.jumpToEnd();
    expect(useLab.getState().playback.cursor).toBe(q.stop);
    expect(useLab.getState().lesson.phase).toBe('ask');
  });

  it('Reveal judges the choice against the computed answer and plays to the reveal', async () => {
    await open();
    playOut();
    const q = planned();
    const wrong = q.choices.find((c) => c !== q.answer)!;
    lesson.chooseAnswer(wrong);
    lesson.revealAnswer();
    const s = useLab.getState();
    expect(s.lesson.phase).toBe('revealed');
    expect(s.lesson.answers['three-levels/qos0-next']).toEqual({ choice: wrong, right: false });
    expect(s.playback.cursor).toBeGreaterThan(q.stop);
    playOut();
    expect(useLab.getState().playback.cursor).toBe(q.revealTo);

    lesson.nextQuestion();
    runNow();
    playOut();
    const q2 = planned();
    expect(useLab.getState().playback.cursor).toBe(q2.stop);
    lesson.chooseAnswer(q2.answer);
    lesson.revealAnswer();
    expect(useLab.getState().lesson.answers['three-levels/qos1-ack']).toEqual({ choice: q2.answer, right: true });
  });

  it('a reveal without an answer shows the answer and judges nothing', async () => {
    await open();
    playOut();
    lesson.revealAnswer();
    expect(useLab.getState().lesson.answers['three-levels/qos0-next']).toEqual({ choice: null, right: null });
  });

  it('a long reveal (a whole lossy run) is shown at once, not played step by step', async () => {
    const r = await open();
    const chapter = r.lesson.chapters.findIndex((c) => c.id === 'max-inflight');
    lesson.goToQuestion(chapter, 0);
    runNow();
    const q = planned();
    lesson.revealAnswer();
    expect(useLab.getState().playback).toMatchObject({ cursor: q.revealTo, playing: false });
  });

  it('Next question goes on into the next chapter and stops at the lesson end', async () => {
    const r = await open();
    const last = r.lesson.chapters.length - 1;
    lesson.goToQuestion(0, r.lesson.chapters[0].questions.length - 1);
    lesson.revealAnswer();
    expect(lesson.nextQuestion()).toBe(true);
    expect(useLab.getState().lesson).toMatchObject({ chapter: 1, question: 0, phase: 'ask', choice: null });
    lesson.goToQuestion(last, r.lesson.chapters[last].questions.length - 1);
    expect(lesson.nextQuestion()).toBe(false);
  });

  it('the verdict waits for the end of the run in a lesson; the lab shows it unless asked not to', async () => {
    await open();
    runNow();
    playOut();
    expect(verdictHidden(useLab.getState())).toBe(true);
    act.setTab('lab');
    expect(useLab.getState().playback.limit).toBeNull();
    expect(verdictHidden(useLab.getState())).toBe(false);
    act.toggleHideVerdict();
    expect(verdictHidden(useLab.getState())).toBe(true);
    act.jumpToEnd();
    expect(verdictHidden(useLab.getState())).toBe(false);
  });
});
