/** The export bar under the diagram: Mermaid text, SVG, PNG, link and embed code of this run. */
import { useLab } from '../store/lab-store';
import { ExportBar } from './ExportBar';
import { useDiagramOptions } from '../hooks/use-diagram-options';
import { currentHash, shareUrl } from '../bridge/url-sync';

export function DiagramExport() {
  const trace = useLab((s) => s.run.trace);
  const lang = useLab((s) => s.view.lang);
  // Re-render when the state behind the link changes.
  useLab((s) => s.scenario);
  useLab((s) => s.playback.cursor);
  const options = useDiagramOptions();
  if (!trace) return null;
  return <ExportBar trace={trace} options={options} shareUrl={currentHash() && shareUrl(false)} lang={lang} />;
}
