/**
 * "Import capture": a real pcap or pcapng file shown like any run (issue 16), and, while one is
 * shown, what it is (the file, its frames, connections and warnings, as plain text) and the way
 * back to the lab.
 *
 * Contract: the button's accessible name is exactly "Import capture" in every language (DESIGN.md).
 * Rules: the file goes to the worker as bytes; nothing in it is run or rendered as markup (topics,
 * client ids and warnings are React text).
 */
import { useRef } from 'react';
import { contractName as cn, useLang, useT } from '../i18n';
import { useLab } from '../store/lab-store';
import { backToLab } from '../store/actions';
import { importCaptureFile } from '../bridge/lab-bridge';

const VERSION: Record<number, string> = { 3: 'MQTT 3.1', 4: 'MQTT 3.1.1', 5: 'MQTT 5.0' };

export function CaptureImport() {
  const t = useT();
  const lang = useLang();
  const input = useRef<HTMLInputElement>(null);
  const capture = useLab((s) => s.run.capture);
  const ready = useLab((s) => s.worker.ready);
  return (
    <div className="field capture-import">
      <button type="button" aria-label={cn('Import capture', t.capture.import, lang)} title={t.capture.hint} disabled={!ready} onClick={() => input.current?.click()}>
        <span aria-hidden="true">⇪</span> {t.capture.import}
      </button>
      <input ref={input} type="file" hidden accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap,application/x-pcapng" data-testid="capture-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file again is a new import
          if (file) void importCaptureFile(file);
        }} />
      {capture && (
        <div className="capture-note" role="note" data-capture={capture.format}>
          <p>{t.capture.shown({ file: capture.file })}</p>
          <p className="capture-summary">{t.capture.summary({ format: capture.format, frames: capture.frames, connections: capture.mqttConnections,
            versions: capture.versions.map((v) => VERSION[v] ?? String(v)).join(', '), packets: capture.packets })}</p>
          <p className="hint">{t.capture.clients}: {capture.connections.map((c) => `${c.participant} (${c.client} → ${c.server})`).join(', ')}</p>
          {capture.warnings.length > 0 && (
            <details>
              <summary>{t.capture.warnings} ({capture.warnings.length})</summary>
              <ul>{capture.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
            </details>
          )}
          <button type="button" onClick={backToLab}>{t.capture.back}</button>
        </div>
      )}
    </div>
  );
}
