/** "Publisher QoS" / "Subscriber QoS", each with a one-line hint, and the effective QoS between them. */
import { useLab } from '../store/lab-store';
import { setQos } from '../store/actions';
import { useT } from '../i18n';
import type { QoS } from '../../mqtt/types';

const NAMES = { publisher: 'Publisher QoS', subscriber: 'Subscriber QoS' } as const;
/** The default scenario is Publisher QoS 1 / Subscriber QoS 1. */
const DEFAULT_QOS: QoS = 1;

function Picker({ role }: { role: 'publisher' | 'subscriber' }) {
  const t = useT();
  const ready = useLab((s) => s.scenario != null);
  // Until the first run lands, show the default scenario's QoS 1, disabled: the column keeps
  // its height instead of jumping when the worker answers (layout shift).
  const qos = useLab((s) => (!s.scenario ? DEFAULT_QOS : role === 'publisher' ? s.scenario.publishers[0]?.qos : s.scenario.subscribers[0]?.qos));
  const id = `qos-${role}`;
  if (qos === undefined) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{role === 'publisher' ? t.setup.publisherQos : t.setup.subscriberQos}</label>
      <select id={id} aria-label={NAMES[role]} aria-describedby={`${id}-hint`} disabled={!ready} value={qos} onChange={(e) => setQos(role, Number(e.target.value) as QoS)}>
        {t.setup.qosOption.map((text, q) => <option key={q} value={q}>{text}</option>)}
      </select>
      <p className="hint" id={`${id}-hint`}>
        {t.setup.qosHint[qos]} <span className="hint-scope">{role === 'publisher' ? t.setup.publisherHint : t.setup.subscriberHint}</span>
      </p>
    </div>
  );
}

export function QosPickers() {
  const t = useT();
  const pub = useLab((s) => (!s.scenario ? DEFAULT_QOS : s.scenario.publishers[0]?.qos ?? 0));
  const sub = useLab((s) => (!s.scenario ? DEFAULT_QOS : s.scenario.subscribers[0]?.qos));
  return (
    <>
      <Picker role="publisher" />
      <Picker role="subscriber" />
      {sub !== undefined && (
        <p className="effective">
          <strong>{t.setup.effective({ pub, sub, eff: Math.min(pub, sub) })}</strong>
          {sub < pub && <span className="hint"> {t.setup.downgrade}</span>}
        </p>
      )}
    </>
  );
}
