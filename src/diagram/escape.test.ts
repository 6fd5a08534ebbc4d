import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeLabel } from './escape';

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
