/**
 * `npm run bench`: every `src/**\/*.bench.ts` side by side with its reference library.
 * A bench module exports async functions named `bench*` that return rows; this prints them
 * with the ratio ours / reference (higher is better for ops/s rows).
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import os from 'node:os';

export interface BenchRow { name: string; ours: number; reference: number; unit: string; lowerIsBetter?: boolean }

function findBenches(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return findBenches(p);
    return d.name.endsWith('.bench.ts') ? [p] : [];
  });
}

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));

const root = join(import.meta.dirname, '..');
const only = process.argv[2];
console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
for (const file of findBenches(root).sort()) {
  if (only && !file.includes(only)) continue;
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  for (const [name, fn] of Object.entries(mod)) {
    if (!name.startsWith('bench') || typeof fn !== 'function') continue;
    console.log(`\n## ${relative(root, file)} ${name}`);
    console.log('| row | ours | reference | unit | ratio |\n| --- | ---: | ---: | --- | ---: |');
    const rows = (await (fn as () => Promise<BenchRow[]>)()) ?? [];
    for (const r of rows) {
      const ratio = r.reference > 0 ? (r.lowerIsBetter ? r.reference / r.ours : r.ours / r.reference) : NaN;
      console.log(`| ${r.name} | ${fmt(r.ours)} | ${r.reference ? fmt(r.reference) : '-'} | ${r.unit} | ${Number.isFinite(ratio) ? ratio.toFixed(2) + 'x' : '-'} |`);
    }
  }
}
