/** The lesson's chapters, with each one's progress; a chapter opens at its first question. */
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store/lab-store';
import { LessonInline } from './LessonProse';
import { useT } from '../../i18n';
import { chapterProgress, goToQuestion } from '../../store/lesson-actions';

export function ChapterNav() {
  const lt = useT().lesson;
  const lang = useLab((s) => s.view.lang);
  const doc = useLab((s) => s.lesson.doc);
  const current = useLab((s) => s.lesson.chapter);
  const progress = useLab(useShallow((s) => (s.lesson.doc?.lesson.chapters ?? []).map((_, i) => chapterProgress(s, i).done)));
  if (!doc) return null;
  return (
    <nav className="chapters" aria-label={lt.chapters}>
      <ol>
        {doc.lesson.chapters.map((c, i) => {
          const done = progress[i] ?? 0;
          const total = c.questions.length;
          return (
            <li key={c.id}>
              <button type="button" className="link chapter-link" aria-current={i === current ? 'step' : undefined} onClick={() => goToQuestion(i, 0)}>
                <span className="chapter-title"><LessonInline text={c.title[lang]} /></span>
                <span className={`chapter-progress${done === total ? ' done' : ''}`} aria-label={lt.progress({ done, total })}>
                  {done === total ? '✓' : `${done}/${total}`}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
