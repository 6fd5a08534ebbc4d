/** The Embed dialog: an iframe snippet (`?embed=1`, 640×480) and the ```mermaid block, each to copy. */
import { useEffect, useRef } from 'react';
import type { ExportText } from './export-text';

export interface EmbedDialogProps {
  open: boolean;
  iframe: string;
  markdown: string;
  t: ExportText;
  onCopy: (text: string) => void;
  onClose: () => void;
}

export function EmbedDialog({ open, iframe, markdown, t, onCopy, onClose }: EmbedDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="embed-dialog" aria-labelledby="embed-dialog-title" onClose={onClose}>
      <h2 id="embed-dialog-title">{t.embedTitle}</h2>
      <Snippet id="embed-iframe" label={t.iframe} text={iframe} copy={t.copy} onCopy={onCopy} rows={3} />
      <Snippet id="embed-markdown" label={t.markdown} text={markdown} copy={t.copy} onCopy={onCopy} rows={8} />
      <button type="button" onClick={onClose}>{t.close}</button>
    </dialog>
  );
}

function Snippet({ id, label, text, copy, onCopy, rows }: { id: string; label: string; text: string; copy: string; onCopy: (t: string) => void; rows: number }) {
  return (
    <div className="embed-snippet">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly value={text} rows={rows} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
      <button type="button" aria-label={`${copy}: ${label}`} onClick={() => onCopy(text)}>{copy}</button>
    </div>
  );
}
