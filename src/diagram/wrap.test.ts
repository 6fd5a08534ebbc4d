import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wrapWords } from './wrap';

describe('wrapWords', () => {
  it('breaks between words only', () => {
    expect(wrapWords('PUBLISH (QoS 1, id=1, DUP) sensors/temp “21.5 °C”', 28))
      .toEqual(['PUBLISH (QoS 1, id=1, DUP)', 'sensors/temp “21.5 °C”']);
    expect(wrapWords('PUBACK (id=1)', 28)).toEqual(['PUBACK (id=1)']);
  });
  it('keeps a long word (a hostile topic) whole, on its own line', () => {
    const topic = 't;%%{init:{"theme":"dark"}}%%<i…';
    expect(wrapWords(`PUBLISH (QoS 1, id=1) ${topic} “p”`, 28)).toEqual(['PUBLISH (QoS 1, id=1)', topic, '“p”']);
  });
  it('breaks Chinese between characters, counting them double', () => {
    const text = '会话存在：重发 1 PUBLISH，等待 PUBACK 返回';
    const lines = wrapWords(text, 16);
    expect(lines).toEqual(['会话存在：重发 1', 'PUBLISH，等待', 'PUBACK 返回']);
  });
  it('never loses or reorders characters other than spaces at breaks', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 4, max: 40 }), (s, max) => {
      const text = s.replace(/\s+/g, ' ');
      return wrapWords(text, max).join(' ').replace(/ /g, '') === text.replace(/ /g, '');
    }));
  });
});

describe('wrapWords: widows', () => {
  it('keeps a short tail on the line before it', () => {
    expect(wrapWords('App publishes m1 (QoS 1)', 22)).toEqual(['App publishes m1 (QoS 1)']);
  });
  it('never leaves a mark alone on a line', () => {
    expect(wrapWords('⚠ duplicate: m1 ×2', 10)).toEqual(['⚠ duplicate:', 'm1 ×2']);
  });
});
