import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeLabel, toIdentifier, truncate } from './escape';

describe('escapeLabel', () => {
  it('turns Mermaid statement, entity and comment characters into entities', () => {
    expect(escapeLabel('a;b#c%%d')).toBe('a#59;b#35;c#37;#37;d');
    expect(escapeLabel('#59;')).toBe('#35;59#59;');
  });
  it('never lets an HTML tag or a line break through', () => {
    expect(escapeLabel('<img src=x onerror=alert(1)>\n<script>')).toBe('#lt;img src=x onerror=alert(1)#gt; #lt;script#gt;');
  });
  it('leaves no raw ; % < > or newline for any input', () => {
    fc.assert(fc.property(fc.string(), (s) => !/[#;%<>\r\n]/.test(escapeLabel(s).replace(/#\w+;/g, ''))));
  });
});

describe('escapeLabel: invisible characters', () => {
  it('drops control characters and bidirectional overrides', () => {
    expect(escapeLabel('a\u0000b\u202Ec\u2066d\u007f')).toBe('abcd');
  });
});

describe('truncate and toIdentifier', () => {
  it('cuts by code points and marks the cut', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
  });
  it('makes Mermaid-safe participant identifiers', () => {
    expect(toIdentifier('publisher2')).toBe('publisher2');
    expect(toIdentifier('a b;c')).toBe('a_b_c');
    expect(toIdentifier('2x')).toBe('p_2x');
  });
});
