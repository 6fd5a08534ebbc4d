/**
 * The Lesson view: the chapter's text and its question on the left (the chapters below them), the
 * lab's own stage (playback, narration, diagram) in the middle, the outcome and the packet
 * inspector on the right; on a phone, one column in that order. The
 * lab underneath is the same engine, diagram and narration; only the settings and drops are
 * absent, because a lesson's questions are computed from its own scenarios.
 */
import { useEffect, useRef } from 'react';
import { useLab } from '../../store/lab-store';
import { useT } from '../../i18n';
import { resetLessonProgress } from '../../store/lesson-actions';
import { ensureLesson, openLessonFile } from '../../bridge/lesson-bridge';
import { useMediaQuery } from '../../hooks/use-media-query';
import { PHONE_QUERY } from '../../live-diagram';
import { LessonInline, LessonProse } from './LessonProse';
import { ChapterNav } from './ChapterNav';
import { QuestionCard } from './QuestionCard';
import { PlaybackBar } from '../PlaybackBar';
import { Narration } from '../Narration';
import { DiagramPanel } from '../DiagramPanel';
import { DiagramExport } from '../DiagramExport';
import { OutcomePanel } from '../OutcomePanel';
import { Inspector } from '../Inspector';

function OpenLessonButton() {
  const lt = useT().lesson;
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" aria-label="Open lesson" title={lt.openLessonHint} onClick={() => input.current?.click()}>{lt.openLesson}</button>
      <input ref={input} type="file" accept=".json,application/json" hidden tabIndex={-1}
        onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void openLessonFile(f); }} />
    </>
  );
}

export function LessonView() {
  const lt = useT().lesson;
  const lang = useLab((s) => s.view.lang);
  const doc = useLab((s) => s.lesson.doc);
  const chapter = useLab((s) => s.lesson.chapter);
  const question = useLab((s) => s.lesson.question);
  const presentation = useLab((s) => s.view.presentation);
  const busy = useLab((s) => s.run.busy);
  const phone = useMediaQuery(PHONE_QUERY);
  useEffect(ensureLesson, []);
  if (!doc) return <p className="muted pad" role="status">{lt.loading}</p>;
  const c = doc.lesson.chapters[chapter];
  return (
    <div className="lesson" data-busy={busy}>
      <aside className="lesson-side" aria-label={lt.heading}>
        <header className="chapter-head">
          <p className="lesson-title muted"><LessonInline text={doc.lesson.title[lang]} />{doc.source.kind === 'authored' && <> · {lt.authored}</>}</p>
          <p className="muted">{lt.chapterOf({ n: chapter + 1, total: doc.lesson.chapters.length })}</p>
          <h2><LessonInline text={c.title[lang]} /></h2>
        </header>
        {/* Open at a chapter's first question; folded later (and on a projector), so the question stays in sight. */}
        <details className="chapter-text" open={question === 0 && !presentation} key={`${chapter}/${question}/${presentation}`}>
          <summary>{lt.introduction}</summary>
          <LessonProse text={c.text[lang]} />
        </details>
        <QuestionCard />
        <details className="lesson-nav" open={!phone}>
          <summary>{lt.chapters}</summary>
          <ChapterNav />
          <div className="lesson-tools">
            <OpenLessonButton />
            <button type="button" className="link" onClick={resetLessonProgress}>{lt.startAgain}</button>
          </div>
        </details>
      </aside>
      <section className="stage" aria-label="Stage">
        <PlaybackBar noDrop />
        <Narration />
        <DiagramPanel />
        <DiagramExport />
      </section>
      <aside className="panels">
        <OutcomePanel />
        <Inspector />
      </aside>
    </div>
  );
}

export default LessonView;
