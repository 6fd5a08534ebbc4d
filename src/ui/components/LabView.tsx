/**
 * The lab: setup on the left, the stage (playback, narration, wire, diagram) in the middle,
 * panels on the right. On a phone, one column: the setup as a closed bar on top, then the
 * stage, so the first screen shows the playback and the whole diagram's width; the panels
 * follow.
 */
import { useLab } from '../store/lab-store';
import { useMediaQuery } from '../hooks/use-media-query';
import { PHONE_QUERY } from '../live-diagram';
import { SetupPanel } from './SetupPanel';
import { PlaybackBar } from './PlaybackBar';
import { Narration } from './Narration';
import { Wire } from './Wire';
import { DiagramPanel } from './DiagramPanel';
import { DiagramExport } from './DiagramExport';
import { OutcomePanel } from './OutcomePanel';
import { StatePanel } from './StatePanel';
import { Inspector } from './Inspector';

export function LabView() {
  const busy = useLab((s) => s.run.busy);
  const collapsed = useLab((s) => s.prefs.setupCollapsed);
  const phone = useMediaQuery(PHONE_QUERY);
  return (
    <div className={`lab${collapsed && !phone ? ' setup-collapsed' : ''}`} data-busy={busy}>
      <SetupPanel phone={phone} />
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
