/**
 * The setup column: scenario, QoS on both sides, loss, more settings, drop rules.
 * An imported capture (CaptureImport) or a live run on a real broker (LiveBroker) disables the
 * settings and drop rules, which do not apply to them.
 * On a wide screen it is the left column, which the learner may fold away (a stored choice).
 * On a phone it is one bar at the top, "Setup" and the QoS chosen, closed at first so the
 * first screen is the playback and the diagram; one tap opens it where it is.
 *
 * Contract: the toggle's accessible name is "Setup" in every language, like the controls of
 * DESIGN.md; the controls inside keep theirs ("Scenario", "Publisher QoS", ...).
 */
import { useRef, useState } from 'react';
import { contractName as cn, useLang, useT } from '../i18n';
import { useLab } from '../store/lab-store';
import { setMessageExpiry, setMqttVersion, setSessionExpiry, toggleSetupPanel } from '../store/actions';
import { NumberField } from './NumberField';
import { ScenarioPicker } from './ScenarioPicker';
import { QosPickers } from './QosPicker';
import { AdvancedSettings } from './AdvancedSettings';
import { LossSettings } from './LossSettings';
import { RuleBuilder } from './RuleBuilder';
import { CaptureImport } from './CaptureImport';
import { LiveBroker } from './LiveBroker';

export function SetupPanel({ phone }: { phone: boolean }) {
  const t = useT();
  const lang = useLang();
  const collapsed = useLab((s) => s.prefs.setupCollapsed);
  // An imported capture is a recorded run, a live one runs on a broker: the settings and drop rules are shown disabled.
  const fixed = useLab((s) => s.run.source !== 'scenario');
  // On a phone the setup starts closed on every visit; the wide screen's choice is not used.
  const [phoneOpen, setPhoneOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const open = phone ? phoneOpen : !collapsed;
  const name = cn('Setup', t.setup.heading, lang);
  const done = () => {
    setPhoneOpen(false);
    toggleRef.current?.focus(); // and so into view: the stage follows it
  };
  return (
    <aside className={phone ? `setup phone${open ? ' open' : ''}` : `setup${open ? '' : ' collapsed'}`} aria-labelledby="setup-title">
      {phone
        ? (
          // The whole bar answers a tap; the button (its click bubbles here) is what keys and screen readers use.
          <div className="setup-bar" onClick={() => setPhoneOpen((o) => !o)}>
            <h2 id="setup-title">
              <button ref={toggleRef} type="button" className="setup-toggle" aria-expanded={open} aria-controls="setup-body" aria-label={name}
                aria-describedby="setup-summary">{t.setup.heading}</button>
            </h2>
            <QosSummary />
            <span aria-hidden="true" className="setup-chevron">{open ? '▴' : '▾'}</span>
          </div>
        )
        : (
          <div className="setup-head">
            <h2 id="setup-title">{t.setup.heading}</h2>
            <button type="button" className="ghost" aria-expanded={open} aria-controls="setup-body" aria-label={name} title={open ? t.setup.hide : t.setup.show} onClick={toggleSetupPanel}>
              <span aria-hidden="true">{open ? '‹' : '›'}</span>
            </button>
          </div>
        )}
      <div id="setup-body" hidden={!open}>
        <ScenarioPicker />
        <CaptureImport />
        <LiveBroker />
        <fieldset className="setup-settings" disabled={fixed}>
          <QosPickers />
          <MqttVersionPicker />
          <ExpirySettings />
          <LossSettings />
          <AdvancedSettings />
          <RuleBuilder />
        </fieldset>
        {phone && <button type="button" className="setup-done" onClick={done}>{t.setup.done}</button>}
      </div>
    </aside>
  );
}

const MQTT_VERSIONS = ['3.1.1', '5'] as const;

/** "MQTT version": the protocol every client of the scenario speaks; the link carries it. */
function MqttVersionPicker() {
  const t = useT();
  const ready = useLab((s) => s.scenario != null);
  const version = useLab((s) => s.scenario?.mqttVersion ?? '3.1.1');
  return (
    <div className="field">
      <label htmlFor="mqtt-version">{t.setup.mqttVersion}</label>
      <select id="mqtt-version" aria-label="MQTT version" aria-describedby="mqtt-version-hint" disabled={!ready} value={version}
        onChange={(e) => setMqttVersion(e.target.value === '5' ? '5' : '3.1.1')}>
        {MQTT_VERSIONS.map((v) => <option key={v} value={v}>{t.setup.mqttVersionOption[v]}</option>)}
      </select>
      <p className="hint" id="mqtt-version-hint">{t.setup.mqttVersionHint[version]}</p>
    </div>
  );
}

const FOREVER = 0xFFFF_FFFF;

/**
 * MQTT 5.0's Session Expiry (first publisher, first subscriber) and Message Expiry (the first
 * publisher's messages), shown with 5.0 only. A session expiry the scenario leaves out is what the
 * engine sends then: for ever with clean session 0, none with clean session 1 (`sessionExpiryOf` in
 * src/sim/scenario.ts, restated here: the page imports no values from sim/, which would bring zod).
 */
function ExpirySettings() {
  const t = useT();
  const v5 = useLab((s) => s.scenario?.mqttVersion === '5');
  const pub = useLab((s) => s.scenario?.publishers[0]);
  const sub = useLab((s) => s.scenario?.subscribers[0]);
  if (!v5 || !pub) return null;
  const sessionOf = (c: { sessionExpirySec?: number; cleanSession: boolean }) => c.sessionExpirySec ?? (c.cleanSession ? 0 : FOREVER);
  return (
    <fieldset className="v5-settings" aria-describedby="expiry-hint">
      <legend>{t.setup.v5Settings}</legend>
      <div className="row">
        <NumberField id="pub-session-expiry" label={t.setup.sessionExpiryPublisher} value={sessionOf(pub)} min={0} max={FOREVER}
          onCommit={(n) => setSessionExpiry('publisher', n)} />
        {sub && (
          <NumberField id="sub-session-expiry" label={t.setup.sessionExpirySubscriber} value={sessionOf(sub)} min={0} max={FOREVER}
            onCommit={(n) => setSessionExpiry('subscriber', n)} />
        )}
        <NumberField id="message-expiry" label={t.setup.messageExpiry} value={pub.messageExpirySec} min={0} max={FOREVER}
          placeholder={t.setup.messageExpiryNone} onCommit={(n) => setMessageExpiry(n)} onClear={() => setMessageExpiry(undefined)} />
      </div>
      <p className="hint" id="expiry-hint">{t.setup.expiryHint}</p>
    </fieldset>
  );
}

/**
 * `Publisher QoS 1 · Subscriber QoS 1`: what the closed bar says the run is. Beside the
 * toggle, not in it: its description, not part of its name (which stays "Setup", as it reads).
 */
function QosSummary() {
  const t = useT();
  const pub = useLab((s) => s.scenario?.publishers[0]?.qos);
  const sub = useLab((s) => s.scenario?.subscribers[0]?.qos);
  // A capture shown is not the scenario's run: the bar names the file, not the lab's settings.
  const captureFile = useLab((s) => (s.run.source === 'capture' ? s.run.capture?.file : undefined));
  const liveUrl = useLab((s) => (s.run.source === 'live' ? s.run.live?.url : undefined));
  if (captureFile !== undefined) return <span id="setup-summary" className="setup-summary">{t.capture.bar({ file: captureFile })}</span>;
  if (liveUrl !== undefined) return <span id="setup-summary" className="setup-summary">{t.live.bar({ url: liveUrl })}</span>;
  const parts = [pub !== undefined && `${t.setup.publisherQos} ${pub}`, sub !== undefined && `${t.setup.subscriberQos} ${sub}`].filter(Boolean);
  return <span id="setup-summary" className="setup-summary">{parts.join(' · ')}</span>;
}
