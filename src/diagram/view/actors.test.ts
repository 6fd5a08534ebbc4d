/**
 * The theme colours are read from Mermaid's own stylesheet in the SVG (not computed by the
 * browser, which would lay the new SVG out early): checked against the colours Chromium
 * computes for the prerendered default diagram (rgb(147, 112, 219) lifelines, actor boxes
 * filled rgb(236, 236, 255)); the browser test checks the live page the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { themeColors } from './actors';

const css = (name: string) => /<style>([^<]*)<\/style>/.exec(readFileSync(join(import.meta.dirname, 'prerendered', name), 'utf8'))![1];

describe('themeColors', () => {
  it.each(['default-en.svg', 'default-zh.svg'])('reads what Chromium computes for %s', (name) => {
    expect(themeColors(css(name))).toEqual({ lifeline: 'rgb(147, 112, 219)', actorFill: 'rgb(236, 236, 255)', actorStroke: 'rgb(147, 112, 219)' });
  });

  it('takes the rule for the class itself, not a longer class or a compound selector', () => {
    const sheet = '#m rect.actor.outer-path{fill:red;}#m .actor-line{stroke:#abc;}#m text.actor>tspan{fill:black;}#m .actor{stroke:#010203;fill:white;stroke-width:1;}';
    expect(themeColors(sheet)).toEqual({ lifeline: 'rgb(170, 187, 204)', actorFill: 'white', actorStroke: 'rgb(1, 2, 3)' });
  });

  it('leaves out what the sheet does not say (the caller then asks the browser)', () => {
    expect(themeColors('#m .note{fill:#fff5ad;}')).toEqual({ lifeline: undefined, actorFill: undefined, actorStroke: undefined });
  });
});
