/**
 * One question: the lead-in, the question, the choices as radio buttons ("Your answer"), Reveal,
 * and after the reveal: right or not, the computed answer, the reason, and "Next question".
 *
 * Rules this component keeps:
 * - Nothing of the answer is in the page before Reveal (presentation mode hides nothing more
 *   because there is nothing to hide: the room answers aloud, the teacher reveals).
 * - The form works from the keyboard: arrows pick a choice, Enter reveals, focus then moves to
 *   "Next question".
 */
import { useEffect, useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../store/lab-store';
import { chooseAnswer, nextQuestion, plannedAt, positionAfter, revealAnswer, chapterProgress } from '../../store/lesson-actions';
import { useT } from '../../i18n';
import { LessonInline, LessonProse } from './LessonProse';
import { choiceLabel } from './choice-label';

export function QuestionCard({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const lt = t.lesson;
  const lang = useLab((s) => s.view.lang);
  const presentation = useLab((s) => s.view.presentation);
  const doc = useLab((s) => s.lesson.doc);
  const chapter = useLab((s) => s.lesson.chapter);
  const question = useLab((s) => s.lesson.question);
  const phase = useLab((s) => s.lesson.phase);
  const choice = useLab((s) => s.lesson.choice);
  const answers = useLab((s) => s.lesson.answers);
  const cursor = useLab((s) => s.playback.cursor);
  const busy = useLab((s) => s.run.busy);
  const progress = useLab(useShallow((s) => chapterProgress(s, s.lesson.chapter)));
  const nextRef = useRef<HTMLButtonElement>(null);
  const askId = useId();
  const revealed = phase === 'revealed';
  const cardRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (revealed && !compact) nextRef.current?.focus({ preventScroll: true });
  }, [revealed, compact]);
  // A new question comes into sight (its column may have been scrolled down to the last answer).
  useEffect(() => {
    if (!compact) cardRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [chapter, question, compact]);
  const lesson = doc?.lesson;
  const q = lesson?.chapters[chapter]?.questions[question];
  const planned = doc ? plannedAt({ doc }, chapter, question) : null;
  if (!lesson || !q || !planned) return null;
  const c = lesson.chapters[chapter];
  const label = (v: string) => choiceLabel(q.kind, v, lt, t.participant);
  const given = answers[`${c.id}/${q.id}`];
  const next = positionAfter(lesson, chapter, question);
  const playingTo = !revealed && !busy && cursor < planned.stop;
  const verdict = !revealed ? null : given?.right === true ? 'right' : given?.right === false ? 'wrong' : 'none';
  return (
    <section ref={cardRef} className={`question${revealed ? ' revealed' : ''}`} aria-labelledby={askId} data-question={`${c.id}/${q.id}`}>
      <p className="question-count muted">{lt.questionOf({ n: question + 1, total: c.questions.length })}</p>
      {q.text && <LessonProse className="question-lead" text={q.text[lang]} />}
      <form onSubmit={(e) => { e.preventDefault(); revealAnswer(); }}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') { e.preventDefault(); revealAnswer(); } }}>
        <h3 id={askId} className="question-ask"><LessonInline text={q.ask[lang]} /></h3>
        <fieldset className="choices" aria-label="Your answer" disabled={revealed}>
          <legend className="visually-hidden">{lt.yourAnswer}</legend>
          {planned.choices.map((v, i) => {
            const mark = revealed ? (v === planned.answer ? 'answer' : v === given?.choice ? 'picked' : '') : '';
            return (
              <label key={v} className={`choice ${mark}`}>
                <input type="radio" name={`answer-${c.id}-${q.id}`} value={v} checked={(revealed ? given?.choice : choice) === v} onChange={() => chooseAnswer(v)} />
                <span className="choice-key" aria-hidden="true">{i + 1}</span>
                <span>{label(v)}</span>
                {mark === 'answer' && <span className="choice-mark" aria-hidden="true">✓</span>}
              </label>
            );
          })}
        </fieldset>
        {!revealed && (
          <div className="question-actions">
            <button type="submit" className="primary" aria-label="Reveal" disabled={busy}>{lt.reveal}</button>
            <span className="hint">{presentation ? lt.presentationHint : lt.revealHint}</span>
          </div>
        )}
      </form>
      {playingTo && <p className="hint">{lt.playingTo}</p>}
      {revealed && (
        <div className="feedback" role="status">
          <p className={`verdict-line ${verdict}`}>
            <strong>{verdict === 'right' ? lt.right : verdict === 'wrong' ? lt.wrong : lt.unanswered}</strong>{' '}
            {lt.theAnswer({ answer: label(planned.answer) })}
            {verdict === 'wrong' && given?.choice ? ` ${lt.youSaid({ choice: label(given.choice) })}` : ''}
          </p>
          {q.explain && <><h4>{lt.why}</h4><LessonProse text={q.explain[lang]} /></>}
          {!next || next.chapter !== chapter ? (
            <div className="chapter-end">
              {c.takeaway && <><h4>{lt.takeaway}</h4><LessonProse text={c.takeaway[lang]} /></>}
              <p>{lt.chapterDone({ right: progress.right, total: progress.total })}</p>
              {!next && <p>{lt.lessonDone}</p>}
            </div>
          ) : null}
          {next && (
            <button ref={nextRef} type="button" className="primary" aria-label="Next question" onClick={() => nextQuestion()}>
              {next.chapter !== chapter ? lt.nextChapter : lt.nextQuestion} <span aria-hidden="true">→</span>
            </button>
          )}
        </div>
      )}
    </section>
  );
}

export default QuestionCard;
