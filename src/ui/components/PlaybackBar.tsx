/** Play / Pause, Step, Back, Reset, End, Speed and "Drop next packet", with where the run stands. */
import { useLab } from '../store/lab-store';
import * as act from '../store/actions';
import { dropNext } from '../bridge/lab-bridge';
import { contractName as cn, useLang, useT } from '../i18n';
import { stepNumber } from '../../diagram/steps';

const SPEEDS = [0.5, 1, 2, 4];

/** `noDrop`: a lesson's run, whose questions are computed from its own scenario, takes no drops. */
export function PlaybackBar({ compact = false, noDrop = false }: { compact?: boolean; noDrop?: boolean }) {
  const t = useT();
  const lang = useLang();
  const playing = useLab((s) => s.playback.playing);
  const speed = useLab((s) => s.playback.speed);
  const cursor = useLab((s) => s.playback.cursor);
  const steps = useLab((s) => s.run.steps);
  const ready = useLab((s) => s.run.trace !== null);
  const last = useLab((s) => act.lastStop(s));
  // A capture is a recorded run: nothing in it can be dropped.
  const capture = useLab((s) => s.run.source === 'capture');
  // A live run takes a drop while it runs: the worker closes the real connection at the next packet.
  const liveState = useLab((s) => (s.run.source === 'live' ? s.run.live?.status.state ?? null : null));
  const armed = useLab((s) => s.run.live?.status.dropArmed === true || s.run.live?.dropRequested === true);
  const liveRunning = liveState === 'connecting' || liveState === 'connected' || liveState === 'reconnecting';
  const n = stepNumber(steps, cursor);
  // At the end of the run, or at a lesson's question not yet revealed.
  const atEnd = cursor >= last;
  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <div className="buttons">
        {/* One button whose name changes, so keyboard focus stays on it. */}
        <button type="button" className="primary" aria-label={playing ? cn('Pause', t.playback.pause, lang) : cn('Play', t.playback.play, lang)} disabled={!ready} onClick={act.togglePlay}>
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? t.playback.pause : t.playback.play}
        </button>
        <button type="button" aria-label={cn('Back', t.playback.back, lang)} disabled={!ready || cursor < 0} onClick={act.stepBack}><span aria-hidden="true">◀</span> {t.playback.back}</button>
        <button type="button" aria-label={cn('Step', t.playback.step, lang)} disabled={!ready || atEnd} onClick={() => act.stepForward()}>{t.playback.step} <span aria-hidden="true">▶|</span></button>
        <button type="button" aria-label={cn('Reset', t.playback.reset, lang)} disabled={!ready || cursor < 0} onClick={act.resetPlayback}><span aria-hidden="true">⟲</span> {t.playback.reset}</button>
        {!compact && <button type="button" aria-label={cn('End', t.playback.end, lang)} disabled={!ready || atEnd} onClick={act.jumpToEnd} title={t.playback.end}><span className="label-roomy">{t.playback.end} </span><span aria-hidden="true">⇥</span></button>}
        <label className="speed">
          <span className="label-roomy">{t.playback.speed}</span>
          <select aria-label="Speed" value={speed} onChange={(e) => act.setSpeed(Number(e.target.value))}>
            {SPEEDS.map((v) => <option key={v} value={v}>{v}×</option>)}
          </select>
        </label>
      </div>
      <div className="buttons">
        {liveState !== null && <span className={`live-badge ${liveState}`} data-live-state={liveState}>{t.live.badge}</span>}
        <span className="progress" data-step={n} data-total={steps.length} data-cursor={cursor}>{t.playback.stepOf({ n, total: steps.length })}</span>
        {armed && <span className="live-armed-short">{t.live.armedShort}</span>}
        {!compact && !noDrop && (
          <button type="button" className="danger" aria-label={cn('Drop next packet', t.playback.dropNext, lang)}
            disabled={!ready || capture || (liveState !== null ? !liveRunning || armed : atEnd)} title={capture ? t.capture.noDrop : liveState !== null ? t.live.dropHint : undefined}
            data-drop-armed={armed || undefined} onClick={() => void dropNext()}>
            <span aria-hidden="true">✕</span> {t.playback.dropNext}
          </button>
        )}
      </div>
    </div>
  );
}
