/** "Scenario": the built-in presets, grouped as the lesson teaches them, and the chosen one's story. */
import { useMemo } from 'react';
import { useLab } from '../store/lab-store';
import { usePainted } from '../hooks/use-painted';
import { choosePreset } from '../store/actions';
import { presetWords, useT } from '../i18n';
import type { Preset } from '../../worker/api';

const GROUPS = ['lesson', 'lost', 'sessions', 'broker', 'v5'] as const;

const isEmpty = (input: unknown) => typeof input === 'object' && input !== null && Object.keys(input).length === 0;

export function ScenarioPicker() {
  const t = useT();
  // The worker's list of presets (30 options) comes a frame after it arrives, in slices (use-painted.ts).
  const presets = usePainted((s) => s.presets);
  const current = useLab((s) => s.scenario?.preset);
  // The lab as first opened (no preset, nothing changed yet) is not "your changes".
  const untouched = useLab((s) => s.scenario !== null && isEmpty(s.request.input));
  const grouped = useMemo(() => GROUPS.map((g) => [g, presets.filter((p) => p.group === g)] as const), [presets]);
  // While a capture is shown no preset is chosen: choosing any one goes back to the lab.
  const capture = useLab((s) => s.run.source === 'capture');
  const preset: Preset | undefined = capture ? undefined : presets.find((p) => p.id === current);
  return (
    <div className="field">
      <label htmlFor="scenario">{t.setup.scenario}</label>
      <select id="scenario" aria-label="Scenario" value={preset ? preset.id : ''} onChange={(e) => e.target.value && choosePreset(e.target.value)}>
        <option value="">{capture ? t.capture.option : untouched ? t.setup.defaultLab : t.setup.custom}</option>
        {grouped.map(([group, list]) => list.length > 0 && (
          <optgroup key={group} label={t.setup.groups[group]}>
            {list.map((p) => <option key={p.id} value={p.id}>{presetWords(t, p.id)?.title ?? p.id}</option>)}
          </optgroup>
        ))}
      </select>
      {preset && <p className="preset-text">{presetWords(t, preset.id)?.text}</p>}
    </div>
  );
}
