#!/usr/bin/env node
/**
 * `mqtt-qos-lab scenario|broker|lesson [options]` (also `npm run -s scenario`, `npm run -s broker`
 * and `npm run -s lesson`):
 * the lab's command-line tools, run as JavaScript that esbuild bundles from src/ on first use
 * and again whenever one of the bundle's source files is newer than the bundle. A call then
 * starts like a command (tens of milliseconds), not like a compiler (tsx compiled every file
 * on every call: 0.86 s).
 * Design: the bundle's inputs come from esbuild's metafile, kept beside it, so the staleness
 *   check stats exactly the files the bundle was made from; esbuild is imported only to build.
 *   A bundle is written to a temporary file and renamed, so parallel calls (a tutorial build
 *   drawing 30 diagrams at once) never run half a file. Packages stay outside the bundle and
 *   load from node_modules as usual.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const COMMANDS = {
  scenario: { entry: 'src/cli/scenario.ts', about: 'run a scenario headless and print it (Mermaid, Markdown, JSON, summary, pcapng)' },
  broker: { entry: 'src/cli/broker.ts', about: 'serve the broker engine to real MQTT clients over TCP' },
  lesson: { entry: 'src/cli/lesson.ts', about: 'check a lesson file: run its scenarios and print each computed answer' },
};
const USAGE = `usage: mqtt-qos-lab <command> [options]    (--help after a command shows its options)
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.about}`).join('\n')}`;

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = join(root, 'node_modules', '.cache', 'mqtt-qos-lab', 'cli');

/** True when the bundle is missing or any file it was built from changed after it. */
function stale(bundle, meta) {
  if (!existsSync(bundle) || !existsSync(meta)) return true;
  const builtAt = statSync(bundle).mtimeMs;
  // This file decides how bundles are built: a change here makes every bundle stale too.
  if (statSync(fileURLToPath(import.meta.url)).mtimeMs > builtAt) return true;
  let inputs;
  try {
    inputs = Object.keys(JSON.parse(readFileSync(meta, 'utf8')).inputs);
  } catch {
    return true;
  }
  for (const input of inputs) {
    const file = join(root, input);
    if (!existsSync(file) || statSync(file).mtimeMs > builtAt) return true;
  }
  return false;
}

async function ensureBuilt(name) {
  const bundle = join(outDir, `${name}.mjs`);
  const meta = join(outDir, `${name}.meta.json`);
  if (!stale(bundle, meta)) return bundle;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, COMMANDS[name].entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', write: false, metafile: true, logLevel: 'warning', absWorkingDir: root,
    outfile: bundle,
  });
  mkdirSync(outDir, { recursive: true });
  const tmp = `${bundle}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  writeFileSync(`${meta}.${process.pid}.tmp`, JSON.stringify(result.metafile));
  renameSync(`${meta}.${process.pid}.tmp`, meta);
  renameSync(tmp, bundle);
  return bundle;
}

const [name, ...rest] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h') {
  process.stdout.write(USAGE + '\n');
  process.exitCode = name === undefined ? 2 : 0;
} else if (!Object.hasOwn(COMMANDS, name)) {
  process.stderr.write(`mqtt-qos-lab: unknown command "${name}"; the commands are ${Object.keys(COMMANDS).join(', ').replace(/, (?=[^,]*$)/, ' and ')}\n`);
  process.exitCode = 2;
} else {
  const bundle = await ensureBuilt(name);
  // The command reads its options from process.argv.slice(2), as when it runs on its own.
  process.argv = [process.argv[0], bundle, ...rest];
  await import(pathToFileURL(bundle).href);
}
