/** What the Lesson view reads of a lesson and its plan: src/lesson computes both, in the worker. */
import type { Lesson, LessonPlan } from '../../worker/api';

export type { Lesson, LessonPlan, LessonSource } from '../../worker/api';
export type LessonChapter = Lesson['chapters'][number];
export type LessonQuestion = LessonChapter['questions'][number];
export type PlannedQuestion = LessonPlan['chapters'][number]['questions'][number];
