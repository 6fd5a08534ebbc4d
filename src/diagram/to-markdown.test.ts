import { describe, expect, it } from 'vitest';
import { toMarkdown } from './to-markdown';
import { toMermaid } from './to-mermaid';
import { qos2Clean } from './__fixtures__/traces';

describe('toMarkdown', () => {
  it('is a fenced mermaid block of toMermaid plus a legend line', () => {
    const md = toMarkdown(qos2Clean());
    expect(md.startsWith('```mermaid\nsequenceDiagram\n')).toBe(true);
    expect(md).toContain(toMermaid(qos2Clean()) + '```\n');
    expect(md.trim().split('\n').at(-1)).toMatch(/^_Solid arrows/);
  });
});
