/**
 * A store selection that follows changes one painted frame late. The panels beside the stage
 * (inspector, outcome, export) take a step, or a new run, once the frame that shows it in the
 * diagram is on screen, so a Step's own frame holds only the diagram, the narration and the
 * wire (issue 6: a step shows within one frame), and a new run's first render is not one long
 * task with all the panels in it (issue 7: the page's load). Like `useLab(select)`, it
 * re-renders only when the selection changes (by `equal`); subscribing outside React means a
 * step does not render them twice. The late render is a transition: React renders it in
 * slices between other work, and drops it for a newer one.
 */
import { startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLab, type LabState } from '../store/lab-store';
import { afterPaint } from '../../diagram/view/frames';

export function usePainted<T>(select: (s: LabState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const latest = useRef({ select, equal });
  useLayoutEffect(() => {
    latest.current = { select, equal };
  });
  const [value, setValue] = useState(() => select(useLab.getState()));
  useEffect(() => {
    let pending: (() => void) | undefined;
    const catchUp = () => {
      pending = undefined;
      const next = latest.current.select(useLab.getState());
      startTransition(() => setValue((prev) => (latest.current.equal(prev, next) ? prev : next)));
    };
    catchUp(); // the store may have changed between the first render and this effect
    const unsubscribe = useLab.subscribe(() => {
      pending ??= afterPaint(catchUp);
    });
    return () => {
      unsubscribe();
      pending?.();
    };
  }, []);
  return value;
}
