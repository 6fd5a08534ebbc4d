/** `?embed=1`: only the diagram and the playback controls, to fit a 640×480 iframe. */
import { useLab } from '../store/lab-store';
import { useT } from '../i18n';
import { PlaybackBar } from './PlaybackBar';
import { DiagramPanel } from './DiagramPanel';
import { shareUrl } from '../bridge/url-sync';

export function EmbedView() {
  const t = useT();
  const title = useLab((s) => s.presets.find((p) => p.id === s.scenario?.preset)?.title[s.view.lang]);
  return (
    <main className="embed">
      <div className="embed-head">
        <strong>{title ?? t.app.title}</strong>
        <a href={shareUrl(false)} target="_blank" rel="noopener">{t.embed.open}</a>
      </div>
      <PlaybackBar compact />
      <DiagramPanel compact />
    </main>
  );
}
