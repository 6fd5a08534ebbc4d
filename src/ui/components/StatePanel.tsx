/** "State": the in-flight tables QoS is really about, per client and per broker session. */
import { useLab } from '../store/lab-store';
import { useT } from '../i18n';
import type { LabSnapshot } from '../../worker/api';
import type { Messages } from '../i18n';

type Table = LabSnapshot['clients'][number];

const COLUMNS = ['awaitingPuback', 'awaitingPubrec', 'awaitingPubcomp', 'awaitingPubrel'] as const;

function SessionCard({ table, title, t }: { table: Table; title: string; t: Messages }) {
  const rows = COLUMNS.filter((c) => table[c].length > 0);
  return (
    <div className={`session${table.connected ? '' : ' offline'}`}>
      <h3>
        {title}
        <span className={`badge ${table.connected ? 'ok' : 'off'}`}>{table.connected ? t.state.connected : t.state.disconnected}</span>
        {table.sessionPresent && <span className="badge">{t.state.sessionPresent}</span>}
      </h3>
      {rows.length === 0 && table.queued === 0 ? <p className="muted small">{t.state.empty}</p> : (
        <dl className="inflight">
          {rows.map((c) => (
            <div key={c}><dt>{t.state[c]}</dt><dd>{table[c].map((id) => <span key={id} className="pid">{id}</span>)}</dd></div>
          ))}
          {table.queued > 0 && <div><dt>{t.state.queued}</dt><dd>{table.queued}</dd></div>}
        </dl>
      )}
    </div>
  );
}

export function StatePanel() {
  const t = useT();
  const snapshot = useLab((s) => s.snapshot);
  const source = useLab((s) => s.run.source);
  const capture = source === 'capture';
  return (
    <section className="panel state" aria-labelledby="state-title">
      <h2 id="state-title">{t.state.heading}</h2>
      {capture && <p className="hint capture-state">{t.capture.state}</p>}
      {source === 'live' && <p className="hint capture-state">{t.live.state}</p>}
      {!snapshot ? <p className="muted">{t.app.starting}</p> : (
        <div className="sessions">
          {snapshot.clients.map((c) => <SessionCard key={`c-${c.id}`} table={c} title={t.participant(c.id)} t={t} />)}
          {snapshot.broker.sessions.map((b) => <SessionCard key={`b-${b.id}`} table={b} title={`${t.participant('broker')} · ${b.id}`} t={t} />)}
        </div>
      )}
    </section>
  );
}
