/** The packets in flight right now, per hop; clicking one drops it (a rule added to the scenario). */
import { addDropRule } from '../store/actions';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/lab-store';
import { useT } from '../i18n';
import { inFlight, nthOfKind } from '../store/selectors';
import type { PacketSentEvent } from '../../sim/trace';

function label(e: PacketSentEvent): string {
  const p = e.packet;
  const id = 'packetId' in p && p.packetId !== undefined ? ` ${p.packetId}` : '';
  return `${p.type}${id}${p.type === 'PUBLISH' && p.dup ? ' DUP' : ''}`;
}

export function Wire() {
  const t = useT();
  const trace = useLab((s) => s.run.trace);
  // A capture is recorded and a live run is on a real broker: no drop rules for either.
  const source = useLab((s) => s.run.source);
  const capture = source !== 'scenario';
  // Re-rendered when the packets in flight change, not on every step.
  const flying = useLab(useShallow((s) => inFlight(s.run.trace, s.playback.cursor)));
  return (
    <section className="wire" aria-labelledby="wire-title">
      <h2 id="wire-title">{t.wire.heading}</h2>
      {flying.length === 0 ? <p className="muted">{t.wire.empty}</p> : (
        <ul>
          {flying.map((e) => {
            const from = t.participant(e.from);
            const to = t.participant(e.to);
            const drop = () => trace && addDropRule({ kind: 'drop', type: e.packet.type, nth: nthOfKind(trace, e.index), from: e.from, to: e.to });
            return (
              <li key={e.wireId}>
                <span className="hop">{from}</span>
                <span className="line" aria-hidden="true" />
                <button type="button" className="packet" aria-label={`Drop ${label(e)} (${e.from} → ${e.to})`} title={capture ? (source === 'live' ? t.live.noRules : t.capture.noDrop) : t.wire.dropThis({ label: label(e), from, to })} disabled={capture} onClick={drop}>
                  {label(e)} <span aria-hidden="true">✕</span>
                </button>
                <span className="line arrow" aria-hidden="true" />
                <span className="hop">{to}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
