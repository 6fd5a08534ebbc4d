/**
 * The teacher's keys: Space play/pause, → step, ← back, R reset, E end, D drop next,
 * P presentation mode, ? the list of keys. Keys typed into a field or a list are left alone.
 */
import { useEffect } from 'react';
import { useLab } from '../store/lab-store';
import { jumpToEnd, resetPlayback, setHelp, stepBack, stepForward, togglePlay, togglePresentation } from '../store/actions';
import { dropNext } from '../bridge/lab-bridge';

const FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

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
      if (s.view.tab !== 'lab' || s.view.help) return;
      // Space on a focused button presses that button; only take it when nothing else would.
      if (e.key === ' ' && target?.tagName !== 'BUTTON' && target?.tagName !== 'SUMMARY') return void (e.preventDefault(), togglePlay());
      const action: Record<string, () => void> = {
        ArrowRight: () => void stepForward(), ArrowLeft: stepBack, r: resetPlayback, R: resetPlayback,
        e: jumpToEnd, E: jumpToEnd, d: () => void dropNext(), D: () => void dropNext(), p: togglePresentation, P: togglePresentation,
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
