/** "More settings": clean sessions, latency, messages, retransmission mode, QoS 2 method. */
import { useLab } from '../store/lab-store';
import * as act from '../store/actions';
import { useT } from '../i18n';
import { NumberField } from './NumberField';
import type { Scenario } from '../../worker/share';

export function AdvancedSettings() {
  const t = useT();
  const open = useLab((s) => s.prefs.showAdvanced);
  const pubClean = useLab((s) => s.scenario?.publishers[0]?.cleanSession ?? false);
  const subClean = useLab((s) => s.scenario?.subscribers[0]?.cleanSession);
  const latency = useLab((s) => s.scenario?.link.latencyMs ?? 20);
  const messages = useLab((s) => s.scenario?.messages ?? 1);
  const retryMode = useLab((s) => s.scenario?.retryMode ?? 'reconnect');
  const method = useLab((s) => s.scenario?.qos2Method ?? 'B');
  return (
    <details className="more" open={open} onToggle={(e) => act.setShowAdvanced(e.currentTarget.open)}>
      <summary>{t.setup.more}</summary>
      <div className="checks">
        <label><input type="checkbox" checked={pubClean} onChange={(e) => act.setCleanSession('publisher', e.target.checked)} /> {t.setup.cleanPublisher}</label>
        {subClean !== undefined && (
          <label><input type="checkbox" checked={subClean} onChange={(e) => act.setCleanSession('subscriber', e.target.checked)} /> {t.setup.cleanSubscriber}</label>
        )}
        <p className="hint">{t.setup.cleanHint}</p>
      </div>
      <div className="row">
        <NumberField id="latency" label={t.setup.latency} ariaLabel="Latency" value={latency} min={1} max={10_000} onCommit={act.setLatency} />
        <NumberField id="messages" label={t.setup.messages} ariaLabel="Messages" value={messages} min={1} max={1000} onCommit={act.setMessages} />
      </div>
      <div className="field">
        <label htmlFor="retry">{t.setup.retryMode}</label>
        <select id="retry" aria-label="Retransmission" value={retryMode} onChange={(e) => act.setRetryMode(e.target.value as Scenario['retryMode'])}>
          <option value="reconnect">{t.setup.retryReconnect}</option>
          <option value="retryOnTimeout">{t.setup.retryTimeout}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="method">{t.setup.qos2Method}</label>
        <select id="method" aria-label="QoS 2 receiver method" value={method} onChange={(e) => act.setQos2Method(e.target.value as Scenario['qos2Method'])}>
          <option value="A">{t.setup.methodA}</option>
          <option value="B">{t.setup.methodB}</option>
        </select>
      </div>
    </details>
  );
}
