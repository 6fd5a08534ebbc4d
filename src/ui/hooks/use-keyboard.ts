/**
 * The teacher's keys: Space play/pause, → step, ← back, R reset, E end, D drop next,
 * P presentation mode, ? the list of keys; in a lesson also 1-6, Enter and N (lessonKey), and no D.
 * Keys typed into a field or a list are left alone.
 */
import { useEffect } from 'react';
import { useLab } from '../store/lab-store';
import { jumpToEnd, resetPlayback, setHelp, stepBack, stepForward, togglePlay, togglePresentation } from '../store/actions';
import { dropNext } from '../bridge/lab-bridge';
import { chooseAnswer, nextQuestion, plannedAt, revealAnswer } from '../store/lesson-actions';

const FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/**
 * A lesson's keys: 1-6 pick a choice, Enter reveals (and, once revealed, goes to the next
 * question), N goes to the next question. True when the key was one of them.
 */
function lessonKey(e: KeyboardEvent, target: HTMLElement | null): boolean {
  const { lesson } = useLab.getState();
  const planned = plannedAt(lesson, lesson.chapter, lesson.question);
  if (!planned) return false;
  const digit = /^[1-6]$/.test(e.key) ? Number(e.key) - 1 : -1;
  if (digit >= 0 && digit < planned.choices.length && lesson.phase === 'ask') {
    chooseAnswer(planned.choices[digit]);
    return true;
  }
  const onControl = target?.tagName === 'BUTTON' || target?.tagName === 'A' || target?.tagName === 'SUMMARY';
  if (e.key === 'Enter' && !onControl) {
    if (lesson.phase === 'ask') revealAnswer();
    else nextQuestion();
    return true;
  }
  if ((e.key === 'n' || e.key === 'N') && lesson.phase === 'revealed') return nextQuestion() || true;
  return false;
}

export function useKeyboard(): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (FIELDS.has(target.tagName) || target.isContentEditable)) return;
      const s = useLab.getState();
      if (e.key === 'Escape' && s.view.help) return setHelp(false);
      // Escape leaves a focused control, so the shortcut keys are back in charge.
      if (e.key === 'Escape') return void (document.activeElement as HTMLElement | null)?.blur?.();
      if (e.key === '?') return void (e.preventDefault(), setHelp(!s.view.help));
      if ((s.view.tab !== 'lab' && s.view.tab !== 'lesson') || s.view.help) return;
      const lesson = s.view.tab === 'lesson';
      if (lesson && lessonKey(e, target)) return void e.preventDefault();
      // Space on a focused button presses that button; only take it when nothing else would.
      if (e.key === ' ' && target?.tagName !== 'BUTTON' && target?.tagName !== 'SUMMARY') return void (e.preventDefault(), togglePlay());
      const action: Record<string, () => void> = {
        ArrowRight: () => void stepForward(), ArrowLeft: stepBack, r: resetPlayback, R: resetPlayback,
        e: jumpToEnd, E: jumpToEnd, p: togglePresentation, P: togglePresentation,
        // A lesson's run takes no drops: its questions are computed from its own scenario.
        ...(lesson ? {} : { d: () => void dropNext(), D: () => void dropNext() }),
      };
      const run = action[e.key];
      if (run) {
        e.preventDefault();
        run();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
