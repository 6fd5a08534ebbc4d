/**
 * `?embed=1`: only the diagram and the playback controls, to fit a 640×480 iframe; with a lesson
 * link (`#lesson=…&q=…`), one question of the lesson above them, answered and revealed in place.
 */
import { lazy, Suspense } from 'react';
import { useLab } from '../store/lab-store';
import { presetWords, useT } from '../i18n';
import { PlaybackBar } from './PlaybackBar';
import { DiagramPanel } from './DiagramPanel';
import { shareUrl } from '../bridge/url-sync';

const QuestionCard = lazy(() => import('./lesson/QuestionCard'));

export function EmbedView() {
  const t = useT();
  const presetId = useLab((s) => s.presets.find((p) => p.id === s.scenario?.preset)?.id);
  const lesson = useLab((s) => (s.view.tab === 'lesson' ? s.lesson.doc?.lesson : undefined));
  const chapter = useLab((s) => s.lesson.chapter);
  const lang = useLab((s) => s.view.lang);
  const title = lesson ? `${lesson.title[lang]} · ${lesson.chapters[chapter]?.title[lang]}` : presetId === undefined ? undefined : presetWords(t, presetId)?.title;
  return (
    <main className="embed">
      <div className="embed-head">
        <strong>{title ?? t.app.title}</strong>
        <a href={shareUrl(false)} target="_blank" rel="noopener">{t.embed.open}</a>
      </div>
      {lesson && <Suspense fallback={null}><QuestionCard compact /></Suspense>}
      <PlaybackBar compact noDrop={!!lesson} />
      <DiagramPanel compact />
    </main>
  );
}
