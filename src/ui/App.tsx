/** The page: the lab (setup, stage, panels), the lesson, the compare view, 3.1.1 vs 5.0, or the bare embed for iframes. */
import { lazy, Suspense, useEffect } from 'react';
import { useLab } from './store/lab-store';
import { useT } from './i18n';
import { usePlaybackTimer } from './hooks/use-playback-timer';
import { useKeyboard } from './hooks/use-keyboard';
import { Header } from './components/Header';
import { AlertBanner } from './components/AlertBanner';
import { UpdatePrompt } from './components/UpdatePrompt';
import { KeyboardHelp } from './components/KeyboardHelp';
import { LabView } from './components/LabView';
import { EmbedView } from './components/EmbedView';

const CompareView = lazy(() => import('./components/CompareView'));
const LessonView = lazy(() => import('./components/lesson/LessonView'));
const VersionsView = lazy(() => import('./components/versions/VersionsView'));

/** Playback's clock, in its own component: a tick re-renders nothing else. */
function PlaybackTimer() {
  usePlaybackTimer();
  return null;
}

export function App() {
  const t = useT();
  const lang = useLab((s) => s.view.lang);
  const embed = useLab((s) => s.view.embed);
  const tab = useLab((s) => s.view.tab);
  const presentation = useLab((s) => s.view.presentation);
  useKeyboard();
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t.app.title;
  }, [lang, t]);
  if (embed) return <><PlaybackTimer /><EmbedView /></>;
  return (
    <div className={`app${presentation ? ' presentation' : ''}`}>
      <PlaybackTimer />
      <Header />
      <AlertBanner />
      <UpdatePrompt />
      <main>
        {tab === 'lab' ? <LabView /> : (
          <Suspense fallback={<p className="muted pad">{t.app.starting}</p>}>{tab === 'lesson' ? <LessonView /> : tab === 'versions' ? <VersionsView /> : <CompareView />}</Suspense>
        )}
      </main>
      <KeyboardHelp />
    </div>
  );
}
