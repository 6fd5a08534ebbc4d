/** The export bar under the diagram: Mermaid text, SVG, PNG, link and embed code of this run. */
import { useLab } from '../store/lab-store';
import { usePainted } from '../hooks/use-painted';
import { ExportBar } from './ExportBar';
import { useDiagramOptions } from '../hooks/use-diagram-options';
import { currentHash, shareUrl } from '../bridge/url-sync';

const linkNow = () => (currentHash() ? shareUrl(false) : '');
/** The scenario of the run shown, as the CLI's `--scenario FILE` reads it (and the link carries). */
const scenarioNow = () => JSON.stringify(useLab.getState().scenario ?? {}, null, 2);

export function DiagramExport() {
  // Like the panels, a new run's export bar comes a frame after its diagram (use-painted.ts).
  const trace = usePainted((s) => s.run.trace);
  const lang = useLab((s) => s.view.lang);
  const options = useDiagramOptions();
  // A capture or a live run has no scenario and no link: it cannot be shared or embedded by URL.
  const capture = useLab((s) => s.run.source !== 'scenario');
  const captureFile = useLab((s) => s.run.capture?.file ?? (s.run.live ? `a live run on ${s.run.live.url}` : undefined));
  if (!trace) return null;
  // The link is made when asked for, so a step does not re-render the export bar.
  return <ExportBar trace={trace} options={options} shareUrl={linkNow} scenarioJson={capture ? undefined : scenarioNow} noLink={capture} captureFile={capture ? captureFile ?? 'a capture' : undefined} lang={lang} />;
}
