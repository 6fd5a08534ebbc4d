/**
 * `npm run -s scenario -- [options]`: run a scenario headless with the same engine and
 * simulator as the page, and print it as Mermaid, Markdown, JSON or a short summary.
 * Bad options exit with status 2 and one line on stderr.
 */
import { parseCli, USAGE } from './scenario-args';
import { formatRun } from './scenario-format';
import { runScenario } from '../sim/lab';
import { PRESETS } from '../sim/scenarios/presets';
import { MESSAGES, presetWords } from '../i18n';

function main(argv: string[]): number {
  let request;
  try {
    request = parseCli(argv);
  } catch (e) {
    process.stderr.write(`scenario: ${(e as Error).message}\n`);
    return 2;
  }
  if (request.kind === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (request.kind === 'listPresets') {
    const rows = PRESETS.map((p) => ({ id: p.id, group: p.group, title: presetWords(MESSAGES[request.lang], p.id)?.title ?? p.id }));
    process.stdout.write(request.format === 'json' ? JSON.stringify(rows, null, 2) + '\n'
      : rows.map((r) => `${r.id.padEnd(28)} ${r.group.padEnd(9)} ${r.title}`).join('\n') + '\n');
    return 0;
  }
  // The summary prints only the outcome and counts: an outcome recording has them, much faster.
  const run = runScenario(request.scenario!, { checkpointEvery: 0, record: request.format === 'summary' ? 'outcome' : 'full' });
  process.stdout.write(formatRun(run, request.format, request.lang));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
