/** One side of the versions view: the version, its run's outcome in one line, and its diagram. */
import { forwardRef } from 'react';
import { useT } from '../../i18n';
import type { MermaidOptions } from '../../../diagram/to-mermaid';
import type { VersionRun } from '../../../worker/api';
import { VersionDiagram } from './VersionDiagram';
import { VERSION_OF, type Side } from './version-words';

interface Props {
  side: Side;
  run: VersionRun;
  options: MermaidOptions;
  marks: ReadonlyMap<number, string>;
  focus: { events: number[]; seq: number } | null;
  home: number;
  onWindowed?: (windowed: boolean) => void;
}

export const VersionColumn = forwardRef<HTMLElement, Props>(function VersionColumn({ side, run, options, marks, focus, home, onWindowed }, ref) {
  const t = useT();
  const v = t.versions;
  const o = run.outcome;
  const held = o.guaranteeHeld === null ? 'unjudged' : o.guaranteeHeld ? 'held' : 'broken';
  const cls = held === 'held' ? 'ok' : held === 'broken' ? 'bad' : 'unjudged';
  const version = VERSION_OF[side];
  return (
    <section ref={ref} className="panel version-column" aria-labelledby={`version-${side}`} data-version={version}>
      <h2 id={`version-${side}`}>{v.column[run.version]}</h2>
      <p className="version-outcome" data-verdict={held}>
        <strong className={cls}>{v.verdict[held]}</strong>{' · '}
        {v.outcome({ delivered: o.delivered, published: o.published, lost: o.lost, duplicates: o.duplicates, packets: o.packets })}
      </p>
      <VersionDiagram trace={run.trace} options={options} marks={marks} focus={focus} home={home}
        label={v.diagram({ version })} onWindowed={onWindowed} />
    </section>
  );
});
