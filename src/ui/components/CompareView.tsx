/**
 * Compare QoS: many messages over the same lossy link at QoS 0, 1 and 2, run in the worker with
 * progress and Cancel; a table and two Mermaid xy-charts (reliability, and its cost in packets).
 */
import { useLab } from '../store/lab-store';
import { setCompareInput } from '../store/actions';
import { cancelCompare, runCompare } from '../bridge/lab-bridge';
import { useT } from '../i18n';
import { NumberField } from './NumberField';
import { CompareCharts } from './CompareCharts';

export default function CompareView() {
  const t = useT();
  const c = useLab((s) => s.compare);
  const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '—');
  return (
    <div className="compare">
      <section className="panel compare-form" aria-labelledby="compare-title">
        <h2 id="compare-title">{t.compare.heading}</h2>
        <p className="hint">{t.compare.intro}</p>
        <div className="row">
          <NumberField id="cmp-messages" label={t.compare.messages} ariaLabel="Messages" value={c.messages} min={1} max={100_000} onCommit={(messages) => setCompareInput({ messages })} />
          <div className="field inline">
            <label htmlFor="cmp-loss">{t.compare.loss} <output htmlFor="cmp-loss">{Math.round(c.loss * 100)}%</output></label>
            <input id="cmp-loss" aria-label="Loss rate" type="range" min={0} max={0.5} step={0.01} value={c.loss} onChange={(e) => setCompareInput({ loss: Number(e.target.value) })} />
          </div>
          <NumberField id="cmp-seed" label={t.compare.seed} ariaLabel="Seed" value={c.seed} min={0} max={2 ** 31 - 1} onCommit={(seed) => setCompareInput({ seed })} />
        </div>
        <div className="buttons">
          <button type="button" className="primary" disabled={c.running} onClick={() => void runCompare()}>{t.compare.run}</button>
          {c.running && <button type="button" onClick={cancelCompare}>{t.compare.cancel}</button>}
          {(c.running || c.progress > 0) && (
            <label className="progress-label">{t.compare.progress} <progress aria-label="Progress" value={c.progress} max={1} /> {Math.round(c.progress * 100)}%</label>
          )}
          {c.cancelled && !c.running && <span className="muted">{t.compare.cancelled}</span>}
        </div>
      </section>
      {c.rows && (
        <section className="panel" aria-label="Comparison">
          <div className="table-scroll">
            <table className="compare-table">
              <thead>
                <tr><th scope="col">{t.compare.qos}</th><th scope="col">{t.compare.delivered}</th><th scope="col">{t.compare.lost}</th><th scope="col">{t.compare.duplicates}</th><th scope="col">{t.compare.packetsPerMessage}</th></tr>
              </thead>
              <tbody>
                {c.rows.map((r) => (
                  <tr key={r.qos}>
                    <th scope="row">QoS {r.qos} · {t.outcome.promise[r.qos]}</th>
                    <td>{r.delivered} <span className="muted">({pct(r.delivered, r.published)})</span></td>
                    <td className={r.lost ? 'bad' : ''}>{r.lost} <span className="muted">({pct(r.lost, r.published)})</span></td>
                    <td className={r.duplicates ? 'warn' : ''}>{r.duplicates}</td>
                    <td>{r.packetsPerMessage.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CompareCharts rows={c.rows} />
        </section>
      )}
    </div>
  );
}
