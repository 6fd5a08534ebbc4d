/**
 * "A new version is ready: Reload": shown when a new version of the lab waits in the service worker.
 * Nothing switches under a running lesson: the new version starts only when this button is pressed.
 * Not modal, not focus-stealing; a status message that screen readers announce politely.
 */
import { useSyncExternalStore, type CSSProperties } from 'react';
import { updateReady } from '../bridge/update-ready';
import { useT } from '../i18n';

const banner: CSSProperties = {
  display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', margin: '10px 18px 0', padding: '8px 14px',
  background: 'var(--accent-soft)', color: 'var(--ink)', border: '1px solid var(--accent)', borderRadius: 'var(--radius)',
};

export function UpdatePrompt() {
  const t = useT();
  const apply = useSyncExternalStore(updateReady.subscribe, updateReady.get, () => null);
  return (
    <div role="status" className="update-prompt" style={apply ? banner : undefined}>
      {apply && (
        <>
          <span>{t.app.updateReady}</span>
          <button type="button" className="primary" onClick={apply}>{t.app.reload}</button>
        </>
      )}
    </div>
  );
}
