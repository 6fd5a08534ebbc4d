/**
 * The lessons that ship with the lab: every `lessons/*.json`, each loaded only when asked for
 * (a lesson is text in two languages; the lab's first paint needs none of it).
 *
 * Rules this file keeps:
 * - A shipped lesson is named by its file name, which is its `id` (shipped.test.ts holds each
 *   to it), so `#lesson=qos-basics` finds `lessons/qos-basics.json`.
 * - Loading gives the JSON as it is: parseLesson / planLesson (or the worker's planLesson) judge it.
 * Design: `import.meta.glob` is Vite's (the page, the worker and Vitest); the esbuild-bundled CLI
 *   does not use this file, it reads src/lesson/lessons/ from the disk, so a lesson added or edited
 *   is checked as it is now, without a rebuild of the CLI's bundle.
 */
const FILES = import.meta.glob<unknown>('./lessons/*.json', { import: 'default' });

export interface ShippedLesson {
  /** the file name without `.json`, which is the lesson's id */
  id: string;
  /** the lesson file's JSON */
  load(): Promise<unknown>;
}

/** Every shipped lesson, by id. */
export const SHIPPED_LESSONS: readonly ShippedLesson[] = Object.entries(FILES)
  .map(([path, load]) => ({ id: path.replace(/^.*\//, '').replace(/\.json$/, ''), load }))
  .sort((a, b) => a.id.localeCompare(b.id));

/** The shipped lesson `id`'s JSON, or null when no lesson has that id. */
export async function loadShippedLesson(id: string): Promise<unknown> {
  const lesson = SHIPPED_LESSONS.find((l) => l.id === id);
  return lesson ? lesson.load() : null;
}
