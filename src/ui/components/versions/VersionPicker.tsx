/**
 * The versions view's "Scenario": the built-in presets, grouped as in the lab, the lesson's
 * flows and the 5.0 ones included; the lab's own scenario when it is none of them. Choosing one
 * chooses it for the lab too (VersionsView.tsx).
 */
import { useLab } from '../../store/lab-store';
import { useT } from '../../i18n';
import { PresetSelect } from '../ScenarioPicker';

export function VersionPicker() {
  const t = useT();
  const presets = useLab((s) => s.presets);
  const current = useLab((s) => s.scenario?.preset);
  const preset = presets.find((p) => p.id === current);
  return <PresetSelect id="versions-scenario" presets={presets} preset={preset} first={preset ? null : t.versions.labScenario} />;
}
