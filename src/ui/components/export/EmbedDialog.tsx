/**
 * The Embed dialog: an iframe snippet (`?embed=1`, 640×480) and the ```mermaid block, each to copy.
 *
 * Rules this dialog keeps:
 * - Each snippet is shown whole: its box grows with its text (wrapped, never scrolled), and
 *   the dialog scrolls when the two together are taller than the screen.
 * - One press copies a snippet, and the dialog says so beside its button (the export bar's
 *   own status is behind the dialog). Where copying is blocked, the snippet is selected for
 *   Ctrl+C and the dialog says that instead.
 * - One column at every width: label and Copy on a line, the box under them, full width.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Messages } from '../../i18n';
import { copyText } from './clipboard';

export interface EmbedDialogProps {
  open: boolean;
  iframe: string;
  markdown: string;
  t: Messages['exportBar'];
  onClose: () => void;
}

export function EmbedDialog({ open, iframe, markdown, t, onClose }: EmbedDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="embed-dialog" aria-labelledby="embed-dialog-title" onClose={onClose}>
      <div className="embed-dialog-head">
        <h2 id="embed-dialog-title">{t.embedTitle}</h2>
        <button type="button" onClick={onClose}>{t.close}</button>
      </div>
      <Snippet id="embed-iframe" label={t.iframe} text={iframe} t={t} />
      <Snippet id="embed-markdown" label={t.markdown} text={markdown} t={t} />
    </dialog>
  );
}

function Snippet({ id, label, text, t }: { id: string; label: string; text: string; t: Messages['exportBar'] }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<'no' | 'yes' | 'byHand'>('no');
  // The box as tall as its text: CSS `field-sizing: content` where the browser has it; elsewhere
  // the height follows the text, again when the dialog's width (so the wrapping) changes.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el?.parentElement || CSS.supports('field-sizing', 'content')) return;
    return fitHeight(el, el.parentElement);
  }, [text]);
  const copy = async () => {
    if (await copyText(text)) return setCopied('yes');
    setCopied('byHand');
    box.current?.focus(); // which selects it
  };
  return (
    <div className="embed-snippet">
      <div className="embed-snippet-head">
        <label htmlFor={id}>{label}</label>
        <span role="status" className="embed-copied">{copied === 'yes' ? `✓ ${t.copied}` : ''}</span>
        <button type="button" aria-label={`${t.copy}: ${label}`} onClick={() => void copy()}>{t.copy}</button>
      </div>
      <textarea id={id} ref={box} readOnly value={text} rows={2} spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
      {copied === 'byHand' && <p role="alert" className="embed-by-hand">{t.copyByHand}</p>}
    </div>
  );
}

/** Keep a textarea as tall as its text while `watched` (its parent) changes size; returns the stop. */
function fitHeight(el: HTMLTextAreaElement, watched: Element): () => void {
  const fit = () => {
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + el.offsetHeight - el.clientHeight}px`;
  };
  fit();
  const ro = new ResizeObserver(fit);
  ro.observe(watched);
  return () => ro.disconnect();
}
