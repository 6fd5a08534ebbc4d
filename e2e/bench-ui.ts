/**
 * `npm run bench:ui`: how fast the live diagram follows the learner (issue 6).
 *
 * Measures, in Chromium against a production build (`vite preview` on 127.0.0.1:LAB_PORT,
 * default 4179, started and stopped here):
 * - Step-to-screen: from a click on Step to the next animation frame after the diagram
 *   changed, for runs of 10, 50 and 200 QoS 1 messages; median and p95 over repeated steps.
 * - Re-show after an intervention: from a click on "Drop next packet" (which changes the
 *   future, so the run is simulated and drawn again) to the frame after the new SVG is in.
 * Goals: step p50 <= 16 ms at every size; re-show <= 300 ms at 50 messages.
 * A benchmark, not a test: it prints a table and exits 0 unless the page cannot be driven.
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { parseScenario, scenarioToHash } from '../src/worker/share';

const PORT = Number(process.env.LAB_PORT ?? 4179);
const BASE = `http://127.0.0.1:${PORT}/`;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SIZES = [10, 50, 200];
const STEPS = 60;
const INTERVENTIONS = 7;

function run(cmd: string, args: string[]): ChildProcess {
  return spawn(cmd, args, { env: { ...process.env, LAB_PORT: String(PORT) }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
}

async function buildAndServe(): Promise<ChildProcess> {
  const build = run('npx', ['vite', 'build', '--logLevel', 'error']);
  const code = await new Promise<number | null>((r) => build.on('exit', r));
  if (code !== 0) throw new Error(`vite build failed (${code})`);
  const server = run('npx', ['vite', 'preview']);
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return server;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${BASE}`);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function open(page: Page, messages: number): Promise<void> {
  const parsed = parseScenario({ messages, publishers: [{ qos: 1 }], subscribers: [{ qos: 1 }] });
  if (!parsed.ok) throw new Error(parsed.error);
  await page.goto(`${BASE}${scenarioToHash(parsed.value)}`);
  await page.getByRole('region', { name: 'Sequence diagram' }).locator('svg[aria-roledescription="sequence"] [data-item]').first()
    .waitFor({ state: 'attached', timeout: 60_000 });
  // Steps are timed on the run as drawn in full, not while the quick first render is replaced.
  await page.locator('[role="region"][aria-label="Sequence diagram"][data-complete="true"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
}

/** Click a button (by accessible name) in the page and time until the frame after `what` changes. */
function timeClick(page: Page, button: string, what: 'reveal' | 'svg'): Promise<number | null> {
  return page.evaluate(([name, kind]) => new Promise<number | null>((resolve) => {
    const region = document.querySelector('[role="region"][aria-label="Sequence diagram"]');
    const btn = document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
    if (!region || !btn || btn.disabled) return resolve(null);
    const timer = setTimeout(() => { mo.disconnect(); resolve(null); }, 5000);
    const mo = new MutationObserver((records) => {
      const hit = kind === 'svg'
        ? records.some((r) => Array.from(r.addedNodes).some((n) => n.nodeName.toLowerCase() === 'svg'))
        : true;
      if (!hit) return;
      mo.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    mo.observe(region, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'style', 'marker-end', 'height'] });
    const t0 = performance.now();
    btn.click();
  }), [button, what] as const);
}

async function stepTimes(page: Page): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < STEPS * 2 && times.length < STEPS; i++) {
    const t = await timeClick(page, 'Step', 'reveal');
    if (t === null) {
      if (await page.getByRole('button', { name: 'Step', exact: true }).isDisabled()) await page.getByRole('button', { name: 'Reset', exact: true }).click();
      continue;
    }
    times.push(t);
  }
  return times;
}

async function main(): Promise<void> {
  const server = await buildAndServe();
  const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const rows: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const n of SIZES) {
      await open(page, n);
      const arrows = await page.locator('[role="region"][aria-label="Sequence diagram"] [data-et="message"]').count();
      const t = await stepTimes(page);
      rows.push(`| Step to screen | ${n} | ${arrows} | ${percentile(t, 50).toFixed(1)} | ${percentile(t, 95).toFixed(1)} | ${t.length} |`);
    }
    await open(page, 50);
    const again: number[] = [];
    for (let i = 0; i < INTERVENTIONS; i++) {
      await open(page, 50);
      for (let s = 0; s < 8 + i; s++) await page.getByRole('button', { name: 'Step', exact: true }).click();
      const t = await timeClick(page, 'Drop next packet', 'svg');
      if (t !== null) again.push(t);
    }
    rows.push(`| Re-show after a drop | 50 | – | ${percentile(again, 50).toFixed(1)} | ${percentile(again, 95).toFixed(1)} | ${again.length} |`);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
  console.log('\n| measure | messages | arrows drawn | p50 ms | p95 ms | samples |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(rows.join('\n'));
  console.log('\nGoals: step p50 <= 16 ms at every size; re-show <= 300 ms at 50 messages.');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
