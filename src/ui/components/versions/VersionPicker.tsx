/**
 * The versions view's "Scenario": the built-in presets, grouped as in the lab, the lesson's
 * flows and the 5.0 ones included; the lab's own scenario when it is none of them. Choosing one
 * chooses it for the lab too (VersionsView.tsx).
 */
import { useMemo } from 'react';
import { useLab } from '../../store/lab-store';
import { choosePreset } from '../../store/actions';
import { presetWords, useT } from '../../i18n';

const GROUPS = ['lesson', 'lost', 'sessions', 'broker', 'v5'] as const;

export function VersionPicker() {
  const t = useT();
  const presets = useLab((s) => s.presets);
  const current = useLab((s) => s.scenario?.preset);
  const grouped = useMemo(() => GROUPS.map((g) => [g, presets.filter((p) => p.group === g)] as const), [presets]);
  const preset = presets.find((p) => p.id === current);
  return (
    <div className="field">
      <label htmlFor="versions-scenario">{t.setup.scenario}</label>
      <select id="versions-scenario" aria-label="Scenario" value={preset ? preset.id : ''} onChange={(e) => e.target.value && choosePreset(e.target.value)}>
        {!preset && <option value="">{t.versions.labScenario}</option>}
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
