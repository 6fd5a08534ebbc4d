/** What the current step did and why, in one to three sentences, in the chosen language. */
import { useMemo } from 'react';
import { useLab } from '../store/lab-store';
import { narrateStep, useT } from '../i18n';
import { currentStepEvents } from '../store/selectors';

export function Narration() {
  const t = useT();
  const run = useLab((s) => s.run);
  const cursor = useLab((s) => s.playback.cursor);
  const lines = useMemo(() => narrateStep(t, currentStepEvents({ run, playback: { cursor } }), run.trace), [t, run, cursor]);
  const atEnd = run.steps.length > 0 && cursor === run.steps[run.steps.length - 1];
  return (
    <section className="narration" aria-labelledby="narration-title" aria-live="polite">
      <h2 id="narration-title" className="visually-hidden">{t.narration.heading}</h2>
      {cursor < 0 ? <p className="muted">{t.playback.atStart}</p> : lines.map((line, i) => <p key={i} className={i === lines.length - 1 ? 'main' : undefined}>{line}</p>)}
      {atEnd && <p className="muted">{t.playback.atEnd}</p>}
      {!run.settled && <p className="warn">{t.app.unsettled}</p>}
    </section>
  );
}
