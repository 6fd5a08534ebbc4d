/**
 * The differences in words, numbered as the diagrams mark them (Δ1, Δ2 …). Each names its kind,
 * says what differs, lists the packets only one run sent, and has a button per run that has a
 * place for it: pressing one shows the difference in both diagrams.
 */
import { useT } from '../../i18n';
import type { VersionComparison } from '../../../worker/api';
import { differenceText, markOf, MAX_LISTED, packetText, SIDES, VERSION_OF, type Side } from './version-words';

/** Packets listed per difference; the rest are counted. */
const MAX_PACKETS = 8;

interface Props {
  comparison: VersionComparison;
  focused: number | null;
  /** Show difference `n` in both diagrams, bringing the `side` one into view. */
  onShow: (n: number, side: Side) => void;
}

export function DifferenceList({ comparison: c, focused, onShow }: Props) {
  const t = useT();
  const v = t.versions;
  const listed = c.differences.slice(0, MAX_LISTED);
  return (
    <section className="panel version-differences" aria-labelledby="version-differences-title">
      <h2 id="version-differences-title">{v.differences}</h2>
      {c.differences.length === 0
        ? <p className="version-none" data-differences="0">{v.none}</p>
        : <p data-differences={c.differences.length}>{v.count({ n: c.differences.length, packets311: c.packets311, packets5: c.packets5, paired: c.paired })}</p>}
      {c.differences.length > MAX_LISTED && <p className="muted">{v.truncated({ shown: MAX_LISTED, total: c.differences.length })}</p>}
      {c.randomLoss && c.paired < Math.max(c.packets311, c.packets5) && <p className="hint">{v.randomLoss}</p>}
      {!c.exact && <p className="hint">{v.approximate}</p>}
      <ol className="diff-list">
        {listed.map((d, k) => {
          const n = k + 1;
          const packets = d.kind === 'onlyIn311' ? d.v311 : d.kind === 'onlyIn5' ? d.v5 : [];
          const trace = d.kind === 'onlyIn311' ? c.v311.trace : c.v5.trace;
          return (
            <li key={n} className={`diff diff-${d.kind}${focused === n ? ' focused' : ''}`} data-key={d.key}>
              <span className="diff-mark" aria-hidden="true">{markOf(n)}</span>
              <div className="diff-body">
                <span className="diff-kind">{v.kind[d.kind]}</span>{' '}
                <span className="diff-text">{differenceText(t, d)}</span>
                {packets.length > 0 && (
                  <ul className="diff-packets">
                    {packets.slice(0, MAX_PACKETS).map((i) => <li key={i}>{packetText(t, trace, i)}</li>)}
                    {packets.length > MAX_PACKETS && <li className="muted">{v.morePackets({ n: packets.length - MAX_PACKETS })}</li>}
                  </ul>
                )}
                {(d.v311.length > 0 || d.v5.length > 0) && (
                  <span className="diff-links">
                    {SIDES.map((side) => d[side].length > 0 && (
                      <button key={side} type="button" className="link" aria-label={v.show({ n, version: VERSION_OF[side] })} onClick={() => onShow(n, side)}>
                        {v.showIn({ version: VERSION_OF[side] })}
                      </button>
                    ))}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
