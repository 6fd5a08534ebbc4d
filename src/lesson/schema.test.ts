/**
 * The lesson schema refuses each kind of mistake an author makes with one sentence that names
 * the place (chapter and question, index and id) and the field, as FORMAT.md promises.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLesson, parseLessonJson } from './schema';

const TEXT = readFileSync(new URL('./__fixtures__/walkthrough.json', import.meta.url), 'utf8');
/** A lesson file as JSON.parse gives it, edited freely by the tests (wrong on purpose). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
/** The valid fixture, changed by `edit`; the error of parsing it. */
function errorOf(edit: (lesson: Json) => void): string {
  const lesson = JSON.parse(TEXT);
  edit(lesson);
  const r = parseLesson(lesson);
  return r.ok ? 'parsed' : r.error;
}

describe('parseLesson', () => {
  it('parses the fixture and fills in the defaults of FORMAT.md', () => {
    const r = parseLessonJson(TEXT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.chapters).toHaveLength(4);
    const fate = r.value.chapters[1].questions[0];
    expect(fate).toMatchObject({ kind: 'fate', client: 'subscriber', publisher: 'publisher', publication: 1 });
    expect(r.value.chapters[3].questions[0]).toMatchObject({ kind: 'packets', types: ['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'] });
  });

  it('names a missing translation', () => {
    expect(errorOf((l) => delete l.chapters[0].text.zh)).toBe('chapters[0] "duplicate": text.zh is missing');
    expect(errorOf((l) => delete l.title.zh)).toBe('title.zh is missing');
    expect(errorOf((l) => (l.chapters[2].questions[0].ask.en = '  '))).toBe('chapters[2] "downgrade", questions[0] "qos-out": ask.en: is empty');
  });

  it('refuses an unknown key (a typo is found)', () => {
    expect(errorOf((l) => (l.chapters[1].questions[0].tilte = 'x'))).toBe('chapters[1] "lost", questions[0] "fate": unknown key "tilte"');
    expect(errorOf((l) => (l.chapters[0].title.fr = 'x'))).toBe('chapters[0] "duplicate": title: unknown key "fr"');
    expect(errorOf((l) => (l.titel = 'x'))).toBe('lesson: unknown key "titel"');
    // A `fate` question has no choices: they are always lost, once and duplicated.
    expect(errorOf((l) => (l.chapters[1].questions[0].choices = [0, 1]))).toBe('chapters[1] "lost", questions[0] "fate": unknown key "choices"');
  });

  it('reads PACKET with the drop notation and says what is wrong with it', () => {
    expect(errorOf((l) => (l.chapters[0].questions[0].stop = { after: 'PUBAK' })))
      .toMatch(/^chapters\[0\] "duplicate", questions\[0\] "after-puback-lost": stop\.after: "PUBAK": PUBAK is not a packet type \(CONNECT, /);
    expect(errorOf((l) => (l.chapters[0].questions[0].stop = { after: 'PUBACK@broker' })))
      .toBe('chapters[0] "duplicate", questions[0] "after-puback-lost": stop.after: "PUBACK@broker" is not TYPE, TYPE#N, TYPE@from>to or TYPE#N@from>to (e.g. PUBACK#2@broker>publisher)');
    expect(errorOf((l) => (l.chapters[0].questions[0].stop = { after: 'PUBACK@brokr>publisher' })))
      .toMatch(/stop\.after: "PUBACK@brokr>publisher": from must be publisher, broker or subscriber/);
    expect(errorOf((l) => (l.chapters[2].questions[0].packet = 'PUBACK'))).toBe('chapters[2] "downgrade", questions[0] "qos-out": packet: "PUBACK" is not a PUBLISH');
    expect(errorOf((l) => (l.chapters[0].questions[0].choices[2] = 'PUBACK@subscriber>broker DUP')))
      .toBe('chapters[0] "duplicate", questions[0] "after-puback-lost": choices[2]: "PUBACK@subscriber>broker DUP": only a PUBLISH is re-sent with DUP');
    expect(errorOf((l) => (l.chapters[0].questions[0].stop = { after: 'PUBACK', before: 'PUBACK' })))
      .toBe('chapters[0] "duplicate", questions[0] "after-puback-lost": stop: must be "start", { "before": PACKET } or { "after": PACKET }');
  });

  it('refuses a duplicate chapter or question id', () => {
    expect(errorOf((l) => (l.chapters[2].id = 'duplicate'))).toBe('chapters[2] "duplicate": id: chapters[0] has the same id');
    expect(errorOf((l) => (l.chapters[0].questions[2].id = 'connack'))).toBe('chapters[0] "duplicate", questions[2] "connack": id: questions[1] has the same id');
  });

  it('wants exactly one of preset and scenario for a chapter, at most one for a question', () => {
    expect(errorOf((l) => (l.chapters[0].scenario = {}))).toBe('chapters[0] "duplicate": has both preset and scenario; give exactly one');
    expect(errorOf((l) => delete l.chapters[0].preset)).toBe('chapters[0] "duplicate": has neither preset nor scenario; give exactly one');
    expect(errorOf((l) => (l.chapters[3].questions[2].scenario = {}))).toBe('chapters[3] "qos2", questions[2] "qos1-instead": has both preset and scenario; give at most one');
  });

  it('says where a file stops being JSON, by line and column', () => {
    expect(parseLessonJson('{\n  "v": 1,\n  }')).toEqual({ ok: false, error: 'not JSON: Unexpected token } at line 3, column 3' });
    expect(parseLessonJson('{ "v": 1,\n  "id": "x"')).toEqual({ ok: false, error: 'not JSON: Unexpected end of input at line 2, column 12' });
    expect(parseLessonJson('{ "v": 1 } x')).toEqual({ ok: false, error: 'not JSON: Unexpected token x at line 1, column 12' });
    expect(parseLessonJson('')).toEqual({ ok: false, error: 'not JSON: Unexpected end of input at line 1, column 1' });
  });

  it('names a value that is not one of the allowed ones, and a value of the wrong type', () => {
    expect(errorOf((l) => (l.chapters[0].questions[3].choices = [0, 1, 7.5])))
      .toBe('chapters[0] "duplicate", questions[3] "how-many": choices: the value 7.5 is not a whole number');
    expect(errorOf((l) => (l.chapters[0].questions[3].choices = [0, 1, 1]))).toBe('chapters[0] "duplicate", questions[3] "how-many": choices: has the same choice twice');
    expect(errorOf((l) => (l.chapters[0].questions[3].kind = 'deliverys')))
      .toBe('chapters[0] "duplicate", questions[3] "how-many": kind: the value "deliverys" is not nextPacket, deliveries, fate, qos or packets');
    expect(errorOf((l) => delete l.chapters[0].questions[3].kind)).toBe('chapters[0] "duplicate", questions[3] "how-many": kind is missing');
    expect(errorOf((l) => (l.v = 2))).toBe('v: the value 2 is not 1');
    expect(errorOf((l) => (l.chapters[0].title = 'A lost PUBACK'))).toBe('chapters[0] "duplicate": title: must be an object, not "A lost PUBACK"');
    expect(errorOf((l) => (l.chapters[0].questions[3].client = 'publisher')))
      .toBe('chapters[0] "duplicate", questions[3] "how-many": client: "publisher" is not a subscriber (subscriber, subscriber2, ...)');
    expect(errorOf((l) => (l.id = 'QoS Basics'))).toBe('id: "QoS Basics" is not an id: 1 to 60 of a-z, 0-9 and -');
    expect(parseLesson([])).toEqual({ ok: false, error: 'lesson: must be an object, not a list' });
  });

  it('keeps texts plain and short', () => {
    expect(errorOf((l) => (l.chapters[0].text.en = 'a <b>bold</b> claim')))
      .toBe('chapters[0] "duplicate": text.en: contains an HTML tag; texts are plain text (`code` in backticks is allowed)');
    expect(errorOf((l) => (l.chapters[0].text.en = 'run `mosquitto_sub -t <topic>` first'))).toBe('parsed');
    expect(errorOf((l) => (l.summary.zh = '长'.repeat(2001)))).toBe('summary.zh: is 2,001 characters long; at most 2,000');
  });

  it('bounds the counts of FORMAT.md', () => {
    expect(errorOf((l) => (l.chapters[0].questions[0].choices = ['CONNECT@subscriber>broker'])))
      .toBe('chapters[0] "duplicate", questions[0] "after-puback-lost": choices: needs at least 2 choices');
    expect(errorOf((l) => (l.chapters = []))).toBe('chapters: needs at least 1 chapter');
    expect(errorOf((l) => (l.chapters[1].questions = []))).toBe('chapters[1] "lost": questions: needs at least 1 question');
  });
});
