/**
 * English: the Lesson view (questions, choices, feedback, the chapters) and the Outcome's hidden
 * verdict. zh/lesson-view.ts has the same shape (type `LessonMessages`).
 */
type P = Record<string, string | number>;

export const lesson = {
  tab: 'Lesson',
  heading: 'Lesson',
  introduction: 'The chapter’s introduction',
  chapters: 'Chapters',
  chapterOf: (p: P) => `Chapter ${p.n} of ${p.total}`,
  questionOf: (p: P) => `Question ${p.n} of ${p.total}`,
  progress: (p: P) => `${p.done} of ${p.total} answered`,
  loading: 'Opening the lesson…',
  yourAnswer: 'Your answer',
  reveal: 'Reveal',
  revealHint: 'Pick an answer, then Reveal. Or Reveal to see it.',
  presentationHint: 'Ask the room, then Reveal.',
  nextQuestion: 'Next question',
  nextChapter: 'Next chapter',
  playingTo: 'The lab plays up to the question; End skips there.',
  right: 'Right.',
  wrong: 'Not quite.',
  unanswered: 'Revealed without an answer.',
  theAnswer: (p: P) => `The answer: ${p.answer}.`,
  youSaid: (p: P) => `You said: ${p.choice}.`,
  why: 'Why',
  whatHappened: 'What the lab did',
  takeaway: 'To remember',
  chapterDone: (p: P) => `Chapter finished: ${p.right} of ${p.total} right.`,
  lessonDone: 'That was the last question of the lesson.',
  startAgain: 'Start the lesson again',
  openLesson: 'Open lesson',
  openLessonHint: 'A lesson file (JSON) of your own; the lab checks every question against its run.',
  copyQuestionLink: 'Copy link to this question',
  copied: 'Link copied',
  openInLab: 'Open this run in the lab',
  shipped: 'Shipped with the lab',
  authored: 'Your lesson file',
  choice: {
    packet: (p: P) => `${p.type}${p.dup ? ' (DUP=1)' : ''}: ${p.from} → ${p.to}`,
    times: (p: P) => (p.n === 1 ? 'once' : p.n === 0 ? 'not at all (0 times)' : `${p.n} times`),
    fate: { lost: 'Lost: it never arrives', once: 'Once', duplicated: 'More than once: a duplicate' } as Record<string, string>,
    qos: (p: P) => `QoS ${p.qos}`,
    packets: (p: P) => `${p.n} packets`,
  },
};

export type LessonMessages = typeof lesson;
