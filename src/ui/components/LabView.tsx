/** The lab: setup on the left, the stage (playback, narration, wire, diagram) in the middle, panels on the right. */
import { useT } from '../i18n';
import { useLab } from '../store/lab-store';
import { toggleSetupPanel } from '../store/actions';
import { ScenarioPicker } from './ScenarioPicker';
import { QosPickers } from './QosPicker';
import { AdvancedSettings } from './AdvancedSettings';
import { LossSettings } from './LossSettings';
import { RuleBuilder } from './RuleBuilder';
import { PlaybackBar } from './PlaybackBar';
import { Narration } from './Narration';
import { Wire } from './Wire';
import { DiagramPanel } from './DiagramPanel';
import { DiagramExport } from './DiagramExport';
import { OutcomePanel } from './OutcomePanel';
import { StatePanel } from './StatePanel';
import { Inspector } from './Inspector';

export function LabView() {
  const t = useT();
  const busy = useLab((s) => s.run.busy);
  const collapsed = useLab((s) => s.prefs.setupCollapsed);
  return (
    <div className={`lab${collapsed ? ' setup-collapsed' : ''}`} data-busy={busy}>
      <aside className={`setup${collapsed ? ' collapsed' : ''}`} aria-labelledby="setup-title">
        <div className="setup-head">
          <h2 id="setup-title">{t.setup.heading}</h2>
          <button type="button" className="ghost" aria-expanded={!collapsed} aria-controls="setup-body" aria-label="Setup" title={collapsed ? t.setup.show : t.setup.hide} onClick={toggleSetupPanel}>
            <span aria-hidden="true">{collapsed ? '›' : '‹'}</span>
          </button>
        </div>
        {!collapsed && (
          <div id="setup-body">
            <ScenarioPicker />
            <QosPickers />
            <LossSettings />
            <AdvancedSettings />
            <RuleBuilder />
          </div>
        )}
      </aside>
      <section className="stage" aria-label="Stage">
        <PlaybackBar />
        <Narration />
        <Wire />
        <DiagramPanel />
        <DiagramExport />
      </section>
      <aside className="panels">
        <OutcomePanel />
        <StatePanel />
        <Inspector />
      </aside>
    </div>
  );
}
