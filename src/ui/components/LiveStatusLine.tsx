/**
 * How the live run stands, in one sentence: role=status while it connects, runs or has finished,
 * role=alert once it failed (a refused or unreachable broker); and, while a drop is armed, a note
 * that the next packet will be dropped. The sentence is React text, whatever the broker sent.
 */
import { useLab } from '../store/lab-store';
import { useT } from '../i18n';

export function LiveStatusLine() {
  const t = useT();
  const live = useLab((s) => s.run.live);
  const pub = useLab((s) => s.scenario?.publishers[0]?.qos ?? 1);
  const sub = useLab((s) => s.scenario?.subscribers[0]?.qos ?? 1);
  if (!live) return null;
  const { state, sentence, settled } = live.status;
  const dropArmed = live.status.dropArmed || live.dropRequested;
  const text = t.live.status({ state, sentence, settled, url: live.url, messages: live.messages, pub, sub });
  const failed = state === 'failed';
  return (
    <>
      {/* A new element for a failure, so that it is announced as an alert. */}
      <p key={failed ? 'alert' : 'status'} className={`live-status ${state}`} role={failed ? 'alert' : 'status'} data-live-state={state}>{text}</p>
      {dropArmed && <p className="live-armed" data-drop-armed="true">{t.live.dropArmed}</p>}
    </>
  );
}
