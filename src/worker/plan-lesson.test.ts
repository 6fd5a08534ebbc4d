/** api.planLesson: what the page asks to open a lesson, given as JSON text or already parsed. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api } from './api';

const TEXT = readFileSync(new URL('../lesson/__fixtures__/walkthrough.json', import.meta.url), 'utf8');

describe('api.planLesson', () => {
  it('plans a lesson given as text or as parsed JSON, alike', () => {
    const fromText = api.planLesson(TEXT);
    const fromJson = api.planLesson(JSON.parse(TEXT));
    expect(fromText).toEqual(fromJson);
    expect('plan' in fromText && fromText.plan.chapters[0].questions[3]).toMatchObject({ choices: ['0', '1', '2', '3'], answer: '2' });
    expect('lesson' in fromText && fromText.lesson.id).toBe('walkthrough');
  });

  it('returns one sentence for a bad lesson', () => {
    expect(api.planLesson('{ "v": 1,')).toEqual({ error: 'not JSON: Unexpected end of input at line 1, column 10' });
    expect(api.planLesson({ v: 1 })).toEqual({ error: 'id is missing' });
  });

  it('is structured-cloneable, as Comlink posts it', () => {
    const r = api.planLesson(TEXT);
    expect(structuredClone(r)).toEqual(r);
  });
});
