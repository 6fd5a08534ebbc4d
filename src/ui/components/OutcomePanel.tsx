/** "Outcome": what the whole run achieved per message and subscriber, and what is revealed so far. */
import { shallow } from 'zustand/shallow';
import { usePainted } from '../hooks/use-painted';
import { useT } from '../i18n';
import { deliveriesSoFar } from '../store/selectors';

export function OutcomePanel() {
  const t = useT();
  const outcome = usePainted((s) => s.run.outcome);
  // Follows a step once the diagram has shown it; re-rendered when a count changes, not on every step.
  const soFar = usePainted((s) => deliveriesSoFar(s.run.trace, s.playback.cursor), shallow);
  if (!outcome) return <section className="panel outcome" role="region" aria-label="Outcome"><h2>{t.outcome.heading}</h2></section>;
  const o = t.outcome;
  return (
    <section className="panel outcome" role="region" aria-label="Outcome">
      <h2>{o.heading} <span className="sub">· {o.runResult}</span></h2>
      <p className={`verdict ${outcome.guaranteeHeld ? 'ok' : 'bad'}`}>{outcome.guaranteeHeld ? o.held : o.broken}</p>
      <dl className="totals">
        <div><dt>{o.published}</dt><dd>{outcome.published}</dd></div>
        <div><dt>{o.delivered}</dt><dd>{outcome.delivered}</dd></div>
        <div className={outcome.duplicates ? 'warn' : ''}><dt>{o.duplicates}</dt><dd>{outcome.duplicates}</dd></div>
        <div className={outcome.lost ? 'bad' : ''}><dt>{o.lost}</dt><dd>{outcome.lost}</dd></div>
      </dl>
      {outcome.pairs.length === 0 ? <p className="muted">{o.none}</p> : (
        <div className="table-scroll">
          <table className="pairs">
            <thead>
              <tr><th scope="col">{o.message}</th><th scope="col">{o.subscriber}</th><th scope="col">{o.qos}</th><th scope="col">{o.deliveries}</th><th scope="col">{o.verdict}</th></tr>
            </thead>
            <tbody>
              {outcome.pairs.slice(0, 50).map((p) => {
                const seen = soFar.get(`${p.messageId}/${p.subscriber}`) ?? 0;
                const state = p.deliveries === 0 ? 'bad' : p.deliveries > 1 ? 'warn' : 'ok';
                return (
                  <tr key={`${p.messageId}/${p.subscriber}`}>
                    <td>#{p.messageId}</td>
                    <td>{t.participant(p.subscriber)}</td>
                    <td>{p.publishedQos} → {p.grantedQos} = <strong>{p.effectiveQos}</strong></td>
                    <td className={state}>{p.deliveries}{seen !== p.deliveries && <span className="muted"> ({o.soFar} {seen})</span>}</td>
                    <td>
                      {o.promise[p.effectiveQos]}{p.held ? ' ✓' : ' ✗'}
                      {p.deliveries > 1 && <span className="warn"> · {p.deliveries - 1} {o.duplicates}</span>}
                      {p.lostReason && <span className="bad"> · {o.lostReason[p.lostReason] ?? p.lostReason}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="hint">{o.effectiveExplain}</p>
      <p className="hint">{o.packetsPerMessage({ packets: outcome.packets, per: Number(outcome.packetsPerMessage.toFixed(1)) })}</p>
    </section>
  );
}
