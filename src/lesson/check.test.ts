/**
 * `npm run -s lesson -- check`: the report of checkLesson, and the CLI as an author runs it
 * (bin/mqtt-qos-lab.mjs, a child process): lines, exit statuses, one-line errors.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/lab';
import { PRESETS } from '../sim/scenarios/presets';
import { checkLesson } from './check';

const FIXTURES = 'src/lesson/__fixtures__';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/mqtt-qos-lab.mjs', 'lesson', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('checkLesson', () => {
  it('prints one line per question, from the plan, and the count', () => {
    const r = checkLesson(readFileSync(`${FIXTURES}/walkthrough.json`, 'utf8'), PRESETS, (s) => runScenario(s));
    if (!r.ok) throw new Error(r.error);
    const first = r.value.plan.chapters[0].questions[0];
    expect(r.value.lines[0]).toBe(`duplicate/after-puback-lost  stop ${first.stop} (step ${first.stopStep})  answer CONNECT@subscriber>broker  reveal to ${first.revealTo}`);
    expect(r.value.lines).toHaveLength(11);
    expect(r.value.lines.at(-1)).toBe('ok: 4 chapters, 10 questions');
  });
});

describe('npm run -s lesson', () => {
  it('check FILE prints the plan and exits 0', () => {
    const r = cli('check', `${FIXTURES}/walkthrough.json`);
    expect(r).toMatchObject({ code: 0, err: '' });
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    const report = checkLesson(readFileSync(`${FIXTURES}/walkthrough.json`, 'utf8'), PRESETS, (s) => runScenario(s));
    expect(report.ok && report.value.lines).toEqual(lines);
    expect(lines).toContainEqual(expect.stringMatching(/^downgrade\/qos-out {2}stop \d+ \(step \d+\) {2}answer 0 {2}reveal to \d+$/));
  }, 60_000);

  it('a bad file: one line FILE: error on stderr, exit 1', () => {
    expect(cli('check', `${FIXTURES}/not-json.json`)).toEqual({ code: 1, out: '',
      err: `${FIXTURES}/not-json.json: not JSON: Unexpected token } at line 4, column 3\n` });
    expect(cli('check', `${FIXTURES}/wrong-answer.json`)).toEqual({ code: 1, out: '',
      err: `${FIXTURES}/wrong-answer.json: chapters[0] "duplicate", questions[3] "how-many": the answer is 2 deliveries, which is not among the choices\n` });
    expect(cli('check', `${FIXTURES}/missing.json`)).toMatchObject({ code: 1, err: `${FIXTURES}/missing.json: cannot read it (ENOENT)\n` });
  }, 60_000);

  it('bad usage exits 2 with one line; --help says what check does', () => {
    for (const args of [[], ['chek'], ['check', '--all']]) {
      const r = cli(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^lesson: .*usage: npm run -s lesson -- check \[FILE \.\.\.\]/);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
    const help = cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/check FILE[\s\S]*every shipped lesson, src\/lesson\/lessons\/\*\.json/);
  }, 60_000);
});
