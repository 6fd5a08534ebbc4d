/**
 * "Live broker" (issue #16): the learner types a broker's WebSocket URL and presses Connect; the
 * lab's own publisher and subscriber (the engine in the worker) run the chosen QoS on that broker
 * and the diagram draws what really crossed the wire. While a live run is shown: how it stands
 * (one sentence, role=status, or role=alert when it failed), Disconnect and Back to the lab.
 *
 * Contract: the field's and the button's accessible names are exactly "Broker URL" and "Connect"
 * in every language (DESIGN.md).
 * Rules: nothing is pre-filled and nothing is contacted before Connect; the URL is checked in the
 * worker (only ws:// and wss://); every sentence, the broker's words included, is React text.
 */
import { useState } from 'react';
import { contractName as cn, useLang, useT } from '../i18n';
import { useLab } from '../store/lab-store';
import { connectLive, disconnectLive, leaveLive } from '../bridge/lab-bridge';
import { LiveStatusLine } from './LiveStatusLine';

/** The live core's limit (worker/api.ts MAX_LIVE_MESSAGES): the hint says what will really be sent. */
const MAX_LIVE_MESSAGES = 100;

export function LiveBroker() {
  const t = useT();
  const lang = useLang();
  const [url, setUrl] = useState('');
  const ready = useLab((s) => s.worker.ready && s.scenario !== null);
  const live = useLab((s) => s.run.live);
  const messages = useLab((s) => Math.min(MAX_LIVE_MESSAGES, s.scenario?.messages ?? 1));
  const running = live !== null && (live.status.state === 'connecting' || live.status.state === 'connected' || live.status.state === 'reconnecting');
  const connect = () => void connectLive(url);
  return (
    <div className="field live-broker">
      <label htmlFor="broker-url">{t.live.url}</label>
      <form className="live-connect" noValidate onSubmit={(e) => { e.preventDefault(); connect(); }}>
        <input id="broker-url" type="url" inputMode="url" autoComplete="off" spellCheck={false} aria-label="Broker URL"
          aria-describedby="broker-url-hint" placeholder="ws://127.0.0.1:9001" value={url} disabled={running} onChange={(e) => setUrl(e.target.value)} />
        <button type="submit" aria-label={cn('Connect', t.live.connect, lang)} disabled={!ready || running}>{t.live.connect}</button>
      </form>
      <p className="hint" id="broker-url-hint">{t.live.hint({ messages })}</p>
      {live && (
        <div className="live-note" data-live-state={live.status.state}>
          <LiveStatusLine />
          <div className="live-actions">
            <button type="button" onClick={() => void disconnectLive()} disabled={!running}>{t.live.disconnect}</button>
            <button type="button" onClick={leaveLive}>{t.live.back}</button>
          </div>
        </div>
      )}
    </div>
  );
}
