/**
 * Loss rate, max in flight and seed: always in view, since random loss is one of the lab's main
 * experiments, and the window decides whether a lossy run gets through (DESIGN.md).
 */
import { useLab } from '../store/lab-store';
import * as act from '../store/actions';
import { useT } from '../i18n';
import { NumberField } from './NumberField';

const WINDOWS = [1, 2, 5, 10, 20] as const;

export function LossSettings() {
  const t = useT();
  const loss = useLab((s) => s.scenario?.link.loss ?? 0);
  const seed = useLab((s) => s.scenario?.seed ?? 1);
  // Every client gets the same window from this control; a scenario that mixes shows the first publisher's.
  const maxInflight = useLab((s) => s.scenario?.publishers[0]?.maxInflight ?? 1);
  return (
    <div className="row loss-settings">
      <div className="field">
        <label htmlFor="loss">{t.setup.loss} <output htmlFor="loss">{Math.round(loss * 100)}%</output></label>
        <input id="loss" aria-label="Loss rate" type="range" min={0} max={0.5} step={0.01} value={loss} onChange={(e) => act.setLoss(Number(e.target.value))} />
      </div>
      <NumberField id="max-inflight" label={t.setup.maxInflight} ariaLabel="Max in flight" value={maxInflight} min={1} max={65535}
        title={t.setup.maxInflightHint} describedBy="max-inflight-hint" suggestions={WINDOWS} onCommit={act.setMaxInflight} />
      <NumberField id="seed" label={t.setup.seed} ariaLabel="Seed" value={seed} min={0} max={2 ** 31 - 1} onCommit={act.setSeed} />
      <p id="max-inflight-hint" className="hint">{t.setup.maxInflightHint}</p>
    </div>
  );
}
