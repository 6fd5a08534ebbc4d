/**
 * Export and embed of the diagram, for tutorial authors: Mermaid text, standalone SVG, PNG
 * (2x, white), the run as a pcapng capture that Wireshark opens, the share link, and an
 * iframe / Markdown snippet.
 *
 * Contract: the buttons' accessible names are exactly "Copy Mermaid", "Download SVG",
 * "Download PNG", "Download pcapng", "Copy link", "Embed" (DESIGN.md), and "Copy scenario JSON",
 * in every language; the visible text follows `lang`. Exports always draw the whole run, whatever the live view's window.
 * Design: src/capture is imported when "Download pcapng" is pressed, so the first page load does not carry it.
 */
import { useEffect, useRef, useState } from 'react';
import type { Trace } from '../../sim/trace';
import { toMermaid, type MermaidOptions } from '../../diagram/to-mermaid';
import { mermaidFence } from '../../diagram/to-markdown';
import { copyText } from './export/clipboard';
import { embedSnippet, exportPng, exportSvg, saveBlob } from './export/image-export';
import { MESSAGES, type Lang } from '../i18n';
import { EmbedDialog } from './export/EmbedDialog';

export interface ExportBarProps {
  trace: Trace;
  options: MermaidOptions;
  /** The link that reproduces the current state, made when it is needed. */
  shareUrl: () => string;
  /** The scenario as the CLI's `--scenario FILE` reads it, made when it is needed; no button without it. */
  scenarioJson?: () => string;
  /** No "Copy link" and no "Embed": the run shown (an imported capture) has no link. */
  noLink?: boolean;
  /** The file an imported capture came from: a pcapng written from it says so, not "simulated". */
  captureFile?: string;
  lang: Lang;
}

const FILE = 'mqtt-qos-lab';

/** The scenario the JSON describes, or {} (the capture then says less about where it came from). */
function parsedScenario(json: (() => string) | undefined): unknown {
  try {
    return json ? JSON.parse(json()) : {};
  } catch {
    return {};
  }
}

/** The run as a pcapng file, `mqtt-qos-lab-<preset or scenario>.pcapng`, built from the trace here in the page. */
async function savePcapng(trace: Trace, scenarioJson: (() => string) | undefined, captureFile: string | undefined): Promise<void> {
  const { captureOrigin, toPcapng } = await import('../../capture/to-pcapng');
  const origin = captureFile !== undefined ? { importedFrom: captureFile } : captureOrigin(parsedScenario(scenarioJson));
  const name = origin.preset?.replace(/[^\w-]+/g, '-') || 'scenario';
  saveBlob(new Blob([toPcapng(trace, origin)], { type: 'application/x-pcapng' }), `${FILE}-${name}.pcapng`);
}

export function ExportBar({ trace, options, shareUrl, scenarioJson, noLink = false, captureFile, lang }: ExportBarProps) {
  const t = MESSAGES[lang].exportBar;
  const [status, setStatus] = useState('');
  const [manual, setManual] = useState<string | null>(null);
  const [embedOpen, setEmbedOpen] = useState(false);
  const manualRef = useRef<HTMLTextAreaElement>(null);
  const mermaid = () => toMermaid(trace, options);

  useEffect(() => {
    if (manual !== null) manualRef.current?.select();
  }, [manual]);

  const copy = async (text: string, done: string) => {
    if (await copyText(text)) {
      setManual(null);
      setStatus(done);
    } else {
      setManual(text);
      setStatus(t.copyByHand);
    }
  };
  const run = async (job: () => Promise<void>) => {
    setStatus(t.working);
    try {
      await job();
      setStatus(t.saved);
    } catch (e) {
      setStatus(`${t.failed}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const buttons: [string, string, () => void][] = [
    ['Copy Mermaid', t.copyMermaid, () => void copy(mermaid(), t.copied)],
    ['Download SVG', t.downloadSvg, () => void run(async () => saveBlob(new Blob([(await exportSvg(mermaid())).text], { type: 'image/svg+xml' }), `${FILE}.svg`))],
    ['Download PNG', t.downloadPng, () => void run(async () => saveBlob(await exportPng(mermaid()), `${FILE}.png`))],
    ['Download pcapng', t.downloadPcapng, () => void run(() => savePcapng(trace, scenarioJson, captureFile))],
    ...(noLink ? [] : [['Copy link', t.copyLink, () => void copy(shareUrl(), t.copiedLink)] as [string, string, () => void]]),
    ...(scenarioJson ? [['Copy scenario JSON', t.copyScenario, () => void copy(scenarioJson(), t.copiedScenario)] as [string, string, () => void]] : []),
    ...(noLink ? [] : [['Embed', t.embed, () => setEmbedOpen(true)] as [string, string, () => void]]),
  ];

  return (
    <div className="export-bar" role="group" aria-label={t.group}>
      {buttons.map(([name, visible, onClick]) => (
        <button key={name} type="button" aria-label={name} onClick={onClick}>{visible}</button>
      ))}
      <p role="status" className="export-status">{status}</p>
      {manual !== null && (
        <textarea ref={manualRef} className="export-manual" readOnly value={manual} rows={4} aria-label={t.copyByHand} />
      )}
      {embedOpen && (
        <EmbedDialog open={embedOpen} t={t} iframe={embedSnippet(shareUrl() || window.location.href)}
          markdown={mermaidFence(mermaid())} onClose={() => setEmbedOpen(false)} />
      )}
    </div>
  );
}
