/**
 * `npm run -s scenario -- [options]`: run a scenario headless with the same engine and
 * simulator as the page, and print it as Mermaid, Markdown, JSON or a short summary, or write
 * it as a pcapng capture. `--out FILE` writes any of them to FILE instead of standard output.
 * `--capture FILE` shows a pcap or pcapng capture instead, in the same formats.
 * Bad options, binary output to a terminal, an unwritable --out and a file that is not a capture
 * the lab can show exit with status 2 and one line on stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCli, USAGE } from './scenario-args';
import { formatRun } from './scenario-format';
import { captureShown } from './scenario-capture';
import { runScenario } from '../sim/lab';
import { ignoredIn311 } from '../sim/scenario';
import { PRESETS } from '../sim/scenarios/presets';
import { MESSAGES, presetWords } from '../i18n';

function fail(message: string): number {
  process.stderr.write(`scenario: ${message}\n`);
  return 2;
}

/** The output, to `out` or to standard output. */
function write(output: string | Uint8Array, out: string | undefined): number {
  if (out === undefined) {
    process.stdout.write(output);
    return 0;
  }
  try {
    writeFileSync(out, output);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(`--out: cannot write "${out}"${code ? ` (${code === 'ENOENT' ? 'no such directory' : code})` : ''}`);
  }
  return 0;
}

function main(argv: string[]): number {
  let request;
  try {
    request = parseCli(argv, undefined, process.stdout.isTTY === true);
  } catch (e) {
    return fail((e as Error).message);
  }
  if (request.kind === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (request.kind === 'listPresets') {
    const rows = PRESETS.map((p) => ({ id: p.id, group: p.group, title: presetWords(MESSAGES[request.lang], p.id)?.title ?? p.id }));
    return write(request.format === 'json' ? JSON.stringify(rows, null, 2) + '\n'
      : rows.map((r) => `${r.id.padEnd(28)} ${r.group.padEnd(9)} ${r.title}`).join('\n') + '\n', request.out);
  }
  if (request.kind === 'capture') {
    const path = request.capture!;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path === '-' ? 0 : path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(`--capture: cannot read ${path === '-' ? 'standard input' : `"${path}"`}${code ? ` (${code === 'ENOENT' ? 'no such file' : code})` : ''}`);
    }
    const shown = captureShown(bytes);
    if (!shown.ok) return fail(`--capture: ${shown.error}`);
    return write(formatRun(shown.run, request.format, request.lang), request.out);
  }
  for (const warning of ignoredIn311(request.scenario!)) process.stderr.write(`scenario: note: ${warning}\n`);
  // The summary prints only the outcome and counts: an outcome recording has them, much faster.
  const run = runScenario(request.scenario!, { checkpointEvery: 0, record: request.format === 'summary' ? 'outcome' : 'full' });
  return write(formatRun(run, request.format, request.lang), request.out);
}

process.exitCode = main(process.argv.slice(2));
