/**
 * The participants' names as a sticky row over the diagram, exactly where Mermaid drew its own
 * top boxes: at the top of the run the two coincide; scrolled down, the row stays, so every
 * lifeline keeps its name. Decorative (aria-hidden): the SVG itself names the participants.
 */
import type { ActorRow } from './actors';

export function ActorHeader({ row }: { row: ActorRow | null }) {
  if (!row || row.actors.length === 0) return null;
  const bottom = Math.max(...row.actors.map((a) => a.top + a.height));
  return (
    <div className="seq-actors" aria-hidden="true">
      <div className="seq-actors-band" style={{ width: row.svgWidth, height: bottom + 4 }}>
        {row.actors.map((a) => (
          <div key={`${a.name}@${a.left}`} className="seq-actor"
            style={{ left: a.left, width: a.width, top: a.top, height: a.height, background: a.fill, borderColor: a.stroke }}>
            {a.name}
          </div>
        ))}
      </div>
    </div>
  );
}
