/** The comparison as two Mermaid xy-charts (Mermaid draws the axes; no chart code of ours). */
import { useMemo } from 'react';
import { MermaidView } from '../../diagram/view/MermaidView';
import { useT } from '../i18n';
import type { CompareRow } from '../../worker/api';

const quote = (s: string) => `"${s.replace(/"/g, "'")}"`;

export function CompareCharts({ rows }: { rows: CompareRow[] }) {
  const t = useT();
  const [outcome, cost] = useMemo(() => {
    const x = `x-axis [${rows.map((r) => quote(`QoS ${r.qos}`)).join(', ')}]`;
    const pct = (f: (r: CompareRow) => number) => rows.map((r) => (r.published ? +((100 * f(r)) / r.published).toFixed(2) : 0)).join(', ');
    const top = Math.max(100, ...rows.map((r) => (r.published ? (100 * (r.delivered + r.duplicates)) / r.published : 0)));
    const maxCost = Math.max(1, ...rows.map((r) => r.packetsPerMessage));
    return [
      ['xychart-beta', `title ${quote(`${t.compare.chartOutcome}: ${t.compare.delivered} (bar), ${t.compare.lost} / ${t.compare.duplicates} (lines), %`)}`, x,
        `y-axis "%" 0 --> ${Math.ceil(top)}`, `bar [${pct((r) => r.delivered)}]`, `line [${pct((r) => r.lost)}]`, `line [${pct((r) => r.duplicates)}]`].join('\n'),
      ['xychart-beta', `title ${quote(t.compare.chartCost)}`, x, `y-axis ${quote(t.compare.packetsPerMessage)} 0 --> ${Math.ceil(maxCost + 1)}`,
        `bar [${rows.map((r) => r.packetsPerMessage.toFixed(2)).join(', ')}]`].join('\n'),
    ];
  }, [rows, t]);
  return (
    <div className="charts">
      <MermaidView text={outcome} label={t.compare.chartOutcome} />
      <MermaidView text={cost} label={t.compare.chartCost} />
    </div>
  );
}
