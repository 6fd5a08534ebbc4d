/**
 * The scenario lives in the URL hash (`#s=…`, worker/share.ts), plus the revealed position
 * (`&at=N`), so a copied link reproduces the exact run. The hash is rewritten on every change
 * with history.replaceState; a bad link shows one readable message and keeps the current lab.
 */
import { parseScenarioHash, scenarioToHash } from '../../worker/hash';
import { useLab } from '../store/lab-store';
import { requestRun, setEmbed, setTab, showAlert } from '../store/actions';
import { applyLessonHash, lessonHash } from './lesson-bridge';
import { idle } from '../../diagram/view/frames';

const AT = /&at=(-?\d+)$/;
/** The versions view's mark (`#s=…&view=versions`): the same scenario, shown as 3.1.1 vs 5.0. */
const VERSIONS = '&view=versions';

let lastWritten = '';
let pending: (() => void) | undefined;

const delay = (fn: () => void, ms: number) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/** Write the hash of the current state (coalesced: a burst of steps writes it once). */
function writeHash(): void {
  pending = undefined;
  const s = useLab.getState();
  // A capture or a live run cannot be shared by link: the hash keeps the lab's last scenario.
  if (s.run.busy || !s.scenario || s.run.source !== 'scenario') return;
  const hash = currentHash();
  if (hash === window.location.hash) return;
  lastWritten = hash;
  history.replaceState(null, '', hash);
}

// Compressing a scenario costs ~20 ms on a slow machine; stepping changes only `&at=`, so the
// scenario's hash is kept per (immutable) scenario object.
const scenarioHashes = new WeakMap<object, string>();
function hashOf(scenario: NonNullable<ReturnType<typeof useLab.getState>['scenario']>): string {
  let hash = scenarioHashes.get(scenario);
  if (hash === undefined) {
    hash = scenarioToHash(scenario);
    scenarioHashes.set(scenario, hash);
  }
  return hash;
}

/** The hash for the current state: scenario, and the cursor once it has moved. */
export function currentHash(): string {
  const s = useLab.getState();
  // In a lesson the link names the lesson and the question: the question's stop is the position.
  if (s.view.tab === 'lesson') return lessonHash() ?? window.location.hash;
  if (!s.scenario) return window.location.hash;
  if (s.view.tab === 'versions') return hashOf(s.scenario) + VERSIONS;
  const at = s.playback.cursor >= 0 ? `&at=${s.playback.cursor}` : '';
  return hashOf(s.scenario) + at;
}

/** Apply a hash: its scenario goes to the worker (which validates it); a damaged one only alerts. */
export function applyHash(hash: string): boolean {
  if (applyLessonHash(hash)) {
    setTab('lesson');
    return true;
  }
  const versions = hash.endsWith(VERSIONS);
  const scenarioHash = versions ? hash.slice(0, -VERSIONS.length) : hash;
  const at = AT.exec(scenarioHash);
  const parsed = parseScenarioHash(scenarioHash.replace(AT, ''));
  if (!parsed.ok) {
    showAlert(parsed.error);
    return false;
  }
  requestRun(parsed.value, { cursor: at ? Number(at[1]) : -1 });
  if (versions) setTab('versions');
  return true;
}

export function startUrlSync(): void {
  setEmbed(new URLSearchParams(window.location.search).get('embed') === '1');
  if (window.location.hash) applyHash(window.location.hash);
  window.addEventListener('hashchange', () => {
    if (window.location.hash !== lastWritten) applyHash(window.location.hash);
  });
  useLab.subscribe((s, prev) => {
    if (s.scenario === prev.scenario && s.playback.cursor === prev.playback.cursor && s.run.version === prev.run.version
      && s.view.tab === prev.view.tab && s.lesson.doc === prev.lesson.doc && s.lesson.chapter === prev.lesson.chapter && s.lesson.question === prev.lesson.question) return;
    if (s.run.busy || !s.scenario || s.run.source !== 'scenario') return;
    // Off the step's path: compressing the scenario and replaceState cost a few ms (10-25 ms
    // cold, so the first run's hash waits until the page is idle instead of its load).
    if (pending) return;
    pending = prev.run.version === 0 ? idle(writeHash, 3000) : delay(writeHash, 120);
  });
}

/** The full URL of the current state, for "Copy link" and "Embed". */
export function shareUrl(embed = false): string {
  const url = new URL(window.location.href);
  url.hash = currentHash();
  if (embed) url.searchParams.set('embed', '1');
  else url.searchParams.delete('embed');
  return url.toString();
}
