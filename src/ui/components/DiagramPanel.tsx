/** The live sequence diagram, revealed up to the cursor, with its display options. */
import { useLab } from '../store/lab-store';
import { selectEvent, toggleConnectionSetup, toggleTimestamps } from '../store/actions';
import { useT } from '../i18n';
import { SequenceDiagram } from '../../diagram/view/SequenceDiagram';
import { useDeferredValue, useMemo } from 'react';
import { useDiagramOptions } from '../hooks/use-diagram-options';
import { liveDiagramOptions, PHONE_QUERY } from '../live-diagram';
import { useMediaQuery } from '../hooks/use-media-query';

export function DiagramPanel({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const trace = useLab((s) => s.run.trace);
  // A new run's diagram (its Mermaid text, its SVG) is drawn in a deferred render, a task of
  // its own after the rest of the page has taken the run: two shorter tasks instead of one
  // long one. Steps are not deferred; until the new run's diagram is there, the old one
  // follows the cursor, as it does while a new SVG is being drawn.
  const diagramTrace = useDeferredValue(trace);
  const cursor = useLab((s) => s.playback.cursor);
  const selected = useLab((s) => s.selection.eventIndex);
  const hideConnectionSetup = useLab((s) => s.view.hideConnectionSetup);
  const timestamps = useLab((s) => s.view.timestamps);
  const base = useDiagramOptions();
  // On a phone, the compact diagram: three lifelines in the screen's width (live-diagram.ts).
  const phone = useMediaQuery(PHONE_QUERY);
  const options = useMemo(() => liveDiagramOptions(base, phone), [base, phone]);
  return (
    <div className="diagram-panel">
      {!compact && <div className="diagram-options">
        <label><input type="checkbox" checked={hideConnectionSetup} onChange={toggleConnectionSetup} /> {t.diagram.hideConnectionSetup}</label>
        <label><input type="checkbox" checked={timestamps} onChange={toggleTimestamps} /> {t.diagram.timestamps}</label>
      </div>}
      {diagramTrace
        ? (
          // The scroller is ours and focusable, so the diagram can be scrolled from the keyboard.
          <div className="diagram-scroll" tabIndex={0}>
            <SequenceDiagram trace={diagramTrace} cursor={cursor} options={options} selectedIndex={selected ?? undefined} onSelect={selectEvent} />
          </div>
        )
        : <div className="diagram placeholder" role="region" aria-label="Sequence diagram"><p className="muted">{t.app.starting}</p></div>}
    </div>
  );
}
