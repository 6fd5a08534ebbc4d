/**
 * "3.1.1 vs 5.0": the lab's scenario run under MQTT 3.1.1 and under 5.0 in the worker (same seed,
 * same drops), two diagrams side by side (stacked on a phone) with the differences marked Δ, and
 * the differences in words, each linked to its place in both diagrams.
 *
 * Design: the view shows the lab's scenario; choosing another here chooses it for the lab too
 * (one scenario on the page, one link that carries it), so a teacher can step through it in the
 * Lab tab and come back.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLab } from '../../store/lab-store';
import { useLang, useT } from '../../i18n';
import { runVersions } from '../../bridge/lab-bridge';
import { useMediaQuery } from '../../hooks/use-media-query';
import { liveDiagramOptions, PHONE_QUERY } from '../../live-diagram';
import type { VersionComparison } from '../../../worker/api';
import { DifferenceList } from './DifferenceList';
import { VersionColumn } from './VersionColumn';
import { VersionPicker } from './VersionPicker';
import { marksOf, SIDES, type Side } from './version-words';

type Answer = { key: string; result: VersionComparison | null; error: string | null };

export default function VersionsView() {
  const t = useT();
  const lang = useLang();
  const scenario = useLab((s) => s.scenario);
  // The worker's answer for one scenario: the store's scenario object changes when the lab runs
  // it again (the same scenario, parsed), so the request is keyed by its JSON.
  const key = useMemo(() => (scenario ? JSON.stringify({ ...scenario, mqttVersion: undefined }) : ''), [scenario]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (!key) return;
    let alive = true;
    runVersions(JSON.parse(key))
      .then((r) => alive && setAnswer('error' in r ? { key, result: null, error: r.error } : { key, result: r, error: null }))
      .catch(() => alive && setAnswer({ key, result: null, error: null })); // the bridge reports a broken worker
    return () => { alive = false; };
  }, [key]);
  const current = answer?.key === key ? answer : null;
  const c = current?.result ?? null;

  const [focus, setFocus] = useState<{ n: number; seq: number; of: VersionComparison } | null>(null);
  const focused = focus && focus.of === c ? focus : null;
  const columns = { v311: useRef<HTMLElement>(null), v5: useRef<HTMLElement>(null) };
  const onShow = useCallback((n: number, side: Side) => {
    if (!c) return;
    setFocus((f) => ({ n, seq: (f?.seq ?? 0) + 1, of: c }));
    columns[side].current?.scrollIntoView({ block: 'nearest' });
  }, [c]); // eslint-disable-line react-hooks/exhaustive-deps -- the refs are stable

  const phone = useMediaQuery(PHONE_QUERY);
  // Two diagrams share the width: narrow boxes on a wide screen too, the phone's compact diagram on a phone.
  const options = useMemo(() => (phone ? liveDiagramOptions({ lang }, true) : { lang, narrow: true, wrapAt: 20, noteWrapAt: 14 }), [lang, phone]);
  const marks = useMemo(() => (c ? marksOf(c) : null), [c]);
  const [windowed, setWindowed] = useState(false);
  const first = c?.differences[0];
  // Per side, the events of the difference in focus (a new object per request: each re-scrolls).
  const focusOf = useMemo(() => {
    const d = focused && c ? c.differences[focused.n - 1] : undefined;
    return { v311: d && focused ? { events: d.v311, seq: focused.seq } : null, v5: d && focused ? { events: d.v5, seq: focused.seq } : null };
  }, [focused, c]);

  return (
    <div className="versions">
      <section className="panel versions-form" aria-labelledby="versions-title">
        <h2 id="versions-title">{t.versions.heading}</h2>
        <p className="hint">{t.versions.intro}</p>
        <VersionPicker />
        {!c && !current?.error && <p className="muted" role="status">{t.versions.running}</p>}
        {current?.error && <p className="bad" role="alert">{current.error}</p>}
      </section>
      {c && marks && (
        <>
          <DifferenceList comparison={c} focused={focused?.n ?? null} onShow={onShow} />
          {windowed && <p className="hint versions-windowed">{t.versions.windowed}</p>}
          <div className="version-columns">
            {SIDES.map((side) => (
              <VersionColumn key={side} ref={columns[side]} side={side} run={c[side]} options={options} marks={marks[side]}
                focus={focusOf[side]} home={first?.[side][0] ?? 0}
                onWindowed={side === 'v5' ? setWindowed : undefined} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
