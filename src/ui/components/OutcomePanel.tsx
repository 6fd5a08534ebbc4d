/**
 * "Outcome": what the whole run achieved per message and subscriber, and what is revealed so far.
 *
 * Until the run's end in a lesson or presentation mode (or in the lab, when asked), the verdict is
 * a spoiler: the counts fill in as they happen, and held / not held waits for the end.
 *
 * The verdict has three states and says which plainly: held, did not hold, or not judged (the
 * run did not settle, or nothing was owed), with the reason read from the trace. A run whose
 * every pair promised nothing (QoS 1 in, QoS 0 out) says so instead of "held".
 */
import { useMemo } from 'react';
import { shallow } from 'zustand/shallow';
import { usePainted } from '../hooks/use-painted';
import { useT } from '../i18n';
import { deliveriesSoFar, totalsSoFar, verdictHidden } from '../store/selectors';
import { showEvent, toggleHideVerdict } from '../store/actions';
import { useLab } from '../store/lab-store';
import { rowsOf, verdictOf } from './outcome-verdict';

export function OutcomePanel() {
  const t = useT();
  const outcome = usePainted((s) => s.run.outcome);
  const trace = usePainted((s) => s.run.trace);
  // Follows a step once the diagram has shown it; re-rendered when a count changes, not on every step.
  const soFar = usePainted((s) => deliveriesSoFar(s.run.trace, s.playback.cursor), shallow);
  // Until the run's end in a lesson or presentation mode, the counts fill in and the verdict waits.
  const hidden = usePainted(verdictHidden);
  const cursor = usePainted((s) => s.playback.cursor);
  const tab = useLab((s) => s.view.tab);
  const hideVerdict = useLab((s) => s.prefs.hideVerdict);
  const o = t.outcome;
  // A live run is judged once it has settled: until then (or when it ended unsettled) it says so, not "a step limit".
  const liveState = useLab((s) => (s.run.source === 'live' ? s.run.live?.status.state : undefined));
  const computed = useMemo(() => (outcome ? verdictOf(o, outcome, trace) : null), [o, outcome, trace]);
  const liveRunning = liveState === 'connecting' || liveState === 'connected' || liveState === 'reconnecting';
  const verdict = computed && liveState !== undefined && outcome?.guaranteeHeld === null
    ? { ...computed, text: liveRunning ? t.live.verdictRunning : t.live.verdictUnsettled }
    : computed;
  const rows = useMemo(() => (outcome ? rowsOf(outcome.pairs) : []), [outcome]);
  // One subscriber (the usual lab): its column would only repeat its name, so the QoS gets the room.
  const oneSubscriber = useMemo(() => new Set(outcome?.pairs.map((p) => p.subscriber)).size <= 1, [outcome]);
  const soFarTotals = useMemo(() => (hidden && outcome ? totalsSoFar(trace, cursor, outcome.pairs, soFar) : null), [hidden, outcome, trace, cursor, soFar]);
  if (!outcome || !verdict) return <section className="panel outcome" role="region" aria-label="Outcome"><h2>{t.outcome.heading}</h2></section>;
  return (
    <section className="panel outcome" role="region" aria-label="Outcome">
      <h2>{o.heading} <span className="sub">· {o.runResult}</span></h2>
      {hidden
        ? <p className="verdict muted" data-verdict="hidden">{o.verdictHidden}</p>
        : <p className={`verdict ${verdict.cls}`} data-verdict={outcome.guaranteeHeld === null ? 'unjudged' : String(outcome.guaranteeHeld)}>{verdict.text}</p>}
      <p className="run-promise">{o.runPromise}: <strong data-promise={outcome.promise}>{o.promiseName[outcome.promise]}</strong></p>
      <dl className="totals">
        <div><dt>{o.published}</dt><dd>{(soFarTotals ?? outcome).published}</dd></div>
        <div><dt>{o.delivered}</dt><dd>{(soFarTotals ?? outcome).delivered}</dd></div>
        <div className={(soFarTotals ?? outcome).duplicates ? 'warn' : ''}><dt>{o.duplicates}</dt><dd>{(soFarTotals ?? outcome).duplicates}</dd></div>
        <div className={!soFarTotals && outcome.lost ? 'bad' : ''}><dt>{o.lost}</dt><dd>{soFarTotals ? '…' : outcome.lost}</dd></div>
      </dl>
      {outcome.willDeliveries > 0 && <p className="will-deliveries">{o.willDeliveries({ n: outcome.willDeliveries })}</p>}
      {outcome.unmatchedDeliveries > 0 && <p className="bad">{o.unmatchedDeliveries({ n: outcome.unmatchedDeliveries })}</p>}
      {outcome.pairs.length === 0 ? <p className="muted">{o.none}</p> : (
        <div className="table-scroll">
          <table className="pairs">
            <thead>
              <tr><th scope="col">{o.message}</th>{!oneSubscriber && <th scope="col">{o.subscriber}</th>}<th scope="col">{o.qos}</th><th scope="col">{o.deliveries}</th><th scope="col">{o.verdict}</th></tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const seen = soFar.get(`${p.publicationNo}/${p.subscriber}`) ?? 0;
                const shown = hidden ? seen : p.deliveries;
                const state = hidden ? '' : p.deliveries === 0 ? 'bad' : p.deliveries > 1 ? 'warn' : 'ok';
                const subscriber = t.participant(p.subscriber);
                return (
                  <tr key={`${p.publicationNo}/${p.subscriber}`}>
                    <td className="nowrap">#{p.publicationNo}{p.retained && <span className="muted"> · {o.retained}</span>}</td>
                    {!oneSubscriber && <td>{subscriber}</td>}
                    <td className={oneSubscriber ? 'nowrap' : undefined}>{p.grantedQos === null || p.effectiveQos === null
                      ? <>{p.publishedQos} → <strong className="bad">{o.refused}</strong></>
                      : <>{p.publishedQos} → {p.grantedQos} = <strong>{p.effectiveQos}</strong></>}</td>
                    <td className={state}>{shown}{!hidden && seen !== p.deliveries && <span className="muted"> ({o.soFar} {seen})</span>}</td>
                    {hidden ? <td>{o.promiseName[p.promise]}{shown > 1 && <span className="warn"> · {shown - 1} {o.duplicates}</span>}</td> : <td>
                      {o.promiseName[p.promise]}{p.promise !== 'none' && (p.held ? ' ✓' : ' ✗')}
                      {p.deliveries > 1 && <span className="warn"> · {p.deliveries - 1} {o.duplicates}</span>}
                      {p.lostReason && <span className="bad"> · {o.lostReason[p.lostReason] ?? p.lostReason}</span>}
                      {p.lostAt !== undefined && (
                        <> <button type="button" className="link show-loss" aria-label={o.showLoss({ publicationNo: p.publicationNo, subscriber })}
                          title={o.showLoss({ publicationNo: p.publicationNo, subscriber })} onClick={() => showEvent(p.lostAt!)}>{o.show}</button></>
                      )}
                    </td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {rows.length < outcome.pairs.length && <p className="hint">{o.rowsShown({ shown: rows.length, total: outcome.pairs.length })}</p>}
      <p className="hint">{o.effectiveExplain}</p>
      {!hidden && <p className="hint">{o.packetsPerMessage({ packets: outcome.packets, per: Number(outcome.packetsPerMessage.toFixed(1)) })}</p>}
      {tab === 'lab' && (
        <label className="hint hide-verdict">
          <input type="checkbox" checked={hideVerdict} onChange={toggleHideVerdict} /> {o.hideVerdict}
        </label>
      )}
    </section>
  );
}
