/** The "?" overlay: every key of the keyboard lesson. */
import { useEffect, useRef } from 'react';
import { useLab } from '../store/lab-store';
import { setHelp } from '../store/actions';
import { useT } from '../i18n';

export function KeyboardHelp() {
  const open = useLab((s) => s.view.help);
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="keys" aria-labelledby="keys-title" onClose={() => setHelp(false)}>
      <h2 id="keys-title">{t.keys.heading}</h2>
      <dl>
        {t.keys.list.map(([key, what]) => (
          <div key={key}><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>
        ))}
      </dl>
      <button type="button" onClick={() => setHelp(false)}>{t.keys.close}</button>
    </dialog>
  );
}
