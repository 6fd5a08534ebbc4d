/** Loss rate and seed: always in view, since random loss is one of the lab's main experiments. */
import { useLab } from '../store/lab-store';
import * as act from '../store/actions';
import { useT } from '../i18n';
import { NumberField } from './NumberField';

export function LossSettings() {
  const t = useT();
  const loss = useLab((s) => s.scenario?.link.loss ?? 0);
  const seed = useLab((s) => s.scenario?.seed ?? 1);
  return (
    <div className="row loss-settings">
      <div className="field">
        <label htmlFor="loss">{t.setup.loss} <output htmlFor="loss">{Math.round(loss * 100)}%</output></label>
        <input id="loss" aria-label="Loss rate" type="range" min={0} max={0.5} step={0.01} value={loss} onChange={(e) => act.setLoss(Number(e.target.value))} />
      </div>
      <NumberField id="seed" label={t.setup.seed} ariaLabel="Seed" value={seed} min={0} max={2 ** 31 - 1} onCommit={act.setSeed} />
    </div>
  );
}
