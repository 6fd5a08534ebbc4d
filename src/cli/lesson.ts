/**
 * `npm run -s lesson -- check [FILE ...]`: run every scenario of a lesson file with the lab's
 * engine and print each question's stop, computed answer and reveal, or the one sentence that
 * says what is wrong and where (src/lesson/FORMAT.md). Without FILE it checks every shipped
 * lesson, src/lesson/lessons/*.json.
 * Exit status: 0 all good, 1 a lesson is bad (one line `FILE: <error>` on stderr each), 2 bad usage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLesson } from '../lesson/check';
import { runScenario } from '../sim/lab';
import { PRESETS } from '../sim/scenarios/presets';

const USAGE = `usage: npm run -s lesson -- check [FILE ...]
  check FILE   run every scenario of the lesson FILE and print, for each question,
                 chapter-id/question-id  stop <cursor> (step <n>)  answer <value>  reveal to <cursor>
               then "ok: N chapters, M questions"; a bad lesson prints "FILE: <error>" on
               stderr and exits with status 1 (the format: src/lesson/FORMAT.md)
  check        the same for every shipped lesson, src/lesson/lessons/*.json
  --help       show this`;

/** The lab's folder: the first one up from this file (src/cli, or the CLI bundle's cache) with our package.json. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"mqtt-qos-lab"/.test(readFileSync(pkg, 'utf8'))) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

function shippedFiles(): string[] {
  const dir = join(projectRoot(), 'src', 'lesson', 'lessons');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  return files.map((f) => relative(process.cwd(), join(dir, f)) || f);
}

/** Check one file; true when it is good. */
function check(file: string, withHeader: boolean): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return false;
  }
  const report = checkLesson(text, PRESETS, (scenario) => runScenario(scenario, { checkpointEvery: 0 }));
  if (!report.ok) {
    process.stderr.write(`${file}: ${report.error}\n`);
    return false;
  }
  process.stdout.write(`${withHeader ? `${file}\n` : ''}${report.value.lines.join('\n')}\n`);
  return true;
}

function main(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const [command, ...files] = argv;
  if (command !== 'check') {
    process.stderr.write(`lesson: ${command === undefined ? 'no command' : `unknown command "${command}"`}; usage: npm run -s lesson -- check [FILE ...] (--help for more)\n`);
    return 2;
  }
  const option = files.find((f) => f.startsWith('-'));
  if (option) {
    process.stderr.write(`lesson: unknown option "${option}"; usage: npm run -s lesson -- check [FILE ...] (--help for more)\n`);
    return 2;
  }
  const shipped = files.length === 0;
  const targets = shipped ? shippedFiles() : files;
  if (targets.length === 0) {
    process.stderr.write('lesson: no lessons found in src/lesson/lessons/*.json\n');
    return 1;
  }
  let good = true;
  for (const file of targets) good = check(file, shipped || targets.length > 1) && good;
  return good ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
