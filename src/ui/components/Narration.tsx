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
  // A live run still running has no end yet: its last step is only the latest, and it is not unsettled, just not over.
  const liveState = run.source === 'live' ? run.live?.status.state : undefined;
  const waiting = liveState === 'connecting' || liveState === 'connected' || liveState === 'reconnecting';
  return (
    <section className="narration" aria-labelledby="narration-title" aria-live="polite">
      <h2 id="narration-title" className="visually-hidden">{t.narration.heading}</h2>
      {cursor < 0 ? <p className="muted">{waiting && run.steps.length === 0 ? t.live.waiting : t.playback.atStart}</p>
        : lines.map((line, i) => <p key={i} className={i === lines.length - 1 ? 'main' : undefined}>{line}</p>)}
      {atEnd && <p className="muted">{waiting ? t.live.waiting : t.playback.atEnd}</p>}
      {!run.settled && run.source !== 'live' && <p className="warn">{t.app.unsettled}</p>}
    </section>
  );
}
