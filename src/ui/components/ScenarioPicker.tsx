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
  // While a capture or a live run is shown no preset is chosen: choosing any one goes back to the lab.
  const source = useLab((s) => s.run.source);
  const capture = source === 'capture';
  const preset: Preset | undefined = source !== 'scenario' ? undefined : presets.find((p) => p.id === current);
  const first = capture ? t.capture.option : source === 'live' ? t.live.option : untouched ? t.setup.defaultLab : t.setup.custom;
  return <PresetSelect id="scenario" presets={presets} preset={preset} first={first} />;
}

/**
 * The "Scenario" select of the lab and of the versions view: the presets grouped as the lesson
 * teaches them, a first option for a scenario that is none of them (`first`; none: no such option),
 * and the chosen one's story. Choosing one chooses it for the lab.
 */
export function PresetSelect({ id, presets, preset, first }: { id: string; presets: readonly Preset[]; preset: Preset | undefined; first: string | null }) {
  const t = useT();
  const grouped = useMemo(() => GROUPS.map((g) => [g, presets.filter((p) => p.group === g)] as const), [presets]);
  return (
    <div className="field">
      <label htmlFor={id}>{t.setup.scenario}</label>
      <select id={id} aria-label="Scenario" value={preset ? preset.id : ''} onChange={(e) => e.target.value && choosePreset(e.target.value)}>
        {first !== null && <option value="">{first}</option>}
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
