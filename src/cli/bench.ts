/**
 * `npm run bench`: every `src/**\/*.bench.ts` side by side with its reference library.
 * A bench module exports async functions named `bench*` that return rows; this prints them
 * with the ratio ours / reference (higher is better for ops/s rows).
 * `npm run bench -- NAME` runs only the files whose path contains NAME.
 * Design: each bench file is bundled with esbuild, and the bundle runs in a Node process of its
 *   own. Bundled, because the app ships bundled code (to the page and to its worker), and a
 *   module graph loaded file by file through tsx measured about a quarter slower than the same
 *   code bundled; packages stay outside the bundle (imported from node_modules as usual), so the
 *   reference libraries run as they always do. A process of its own, so that no file's garbage,
 *   compiled code or loaded libraries weigh on the next one's numbers. `--source` imports the
 *   TypeScript files as they are instead, all in this process (the old way).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
// esbuild: the version tsx runs with, pinned in devDependencies.
import { build, stop } from 'esbuild';

import type { BenchRow } from '../bench-row';

/** The rows of each `bench*` function of one file, in export order. */
type FileResult = [name: string, rows: BenchRow[]][];

function findBenches(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return findBenches(p);
    return d.name.endsWith('.bench.ts') ? [p] : [];
  });
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

const root = join(import.meta.dirname, '..');
// Inside the project, so that the packages left out of a bundle resolve from its node_modules.
const outDir = join(root, '..', 'node_modules', '.cache', 'bench');

async function bundle(file: string): Promise<string> {
  const outfile = join(outDir, `${basename(file, '.ts')}.mjs`);
  await build({
    entryPoints: [file], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', logLevel: 'warning',
  });
  return pathToFileURL(outfile).href;
}

async function runFunctions(mod: Record<string, unknown>): Promise<FileResult> {
  const out: FileResult = [];
  for (const [name, fn] of Object.entries(mod)) {
    if (name.startsWith('bench') && typeof fn === 'function') out.push([name, (await (fn as () => Promise<BenchRow[]>)()) ?? []]);
  }
  return out;
}

const MARK = '@@bench-rows@@';

/** Runs the bench functions of the bundle at `url` in a fresh Node process (no flags: as `node` runs it). */
function runIsolated(url: string): FileResult {
  const script = `const mod = await import(${JSON.stringify(url)});
const out = [];
for (const [name, fn] of Object.entries(mod)) if (name.startsWith('bench') && typeof fn === 'function') out.push([name, (await fn()) ?? []]);
process.stdout.write('\\n${MARK}' + JSON.stringify(out) + '\\n');`;
  const child = spawnSync(process.execPath, ['--input-type=module', '--eval', script],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
  const at = child.stdout.lastIndexOf(MARK);
  if (child.status !== 0 || at < 0) throw new Error(`${url}: the bench process failed (exit ${child.status})`);
  process.stdout.write(child.stdout.slice(0, at).replace(/\n$/, '')); // whatever else the benches printed
  return JSON.parse(child.stdout.slice(at + MARK.length)) as FileResult;
}

function print(file: string, result: FileResult): void {
  for (const [name, rows] of result) {
    console.log(`\n## ${relative(root, file)} ${name}`);
    console.log('| row | ours | reference | unit | ratio |\n| --- | ---: | ---: | --- | ---: |');
    for (const r of rows) {
      const ratio = r.reference > 0 ? (r.lowerIsBetter ? r.reference / r.ours : r.ours / r.reference) : NaN;
      console.log(`| ${r.name} | ${fmt(r.ours)} | ${r.reference ? fmt(r.reference) : '-'} | ${r.unit} | ${Number.isFinite(ratio) ? ratio.toFixed(2) + 'x' : '-'} |`);
    }
  }
}

const args = process.argv.slice(2);
const source = args.includes('--source');
const only = args.find((a) => !a.startsWith('--'));
const files = findBenches(root).sort().filter((file) => !only || file.includes(only));
console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
if (source) {
  console.log('code: the TypeScript sources, loaded through tsx, every file in this process');
  for (const file of files) print(file, await runFunctions((await import(pathToFileURL(file).href)) as Record<string, unknown>));
} else {
  console.log('code: each bench file bundled with esbuild (as the app ships), run in a Node process of its own (--source: unbundled)');
  mkdirSync(outDir, { recursive: true });
  const urls: string[] = [];
  for (const file of files) urls.push(await bundle(file));
  await stop(); // every bundle is built: no esbuild process runs beside the measurements
  files.forEach((file, i) => print(file, runIsolated(urls[i])));
}
