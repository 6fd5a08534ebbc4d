/**
 * Topics and payloads are user text. Mermaid syntax (`;`, `#`, `%%`, directives) and HTML
 * (`<img onerror>`, `<script>`) in them must show as text in the diagram and its exports,
 * and must inject no element and run no code.
 */
import { test, expect } from '@playwright/test';
import { openScenario, readClipboard } from './support/diagram-exports';

const TOPIC = 't;%%{init:{"theme":"dark"}}%%<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const PAYLOAD = 'p;#35;%%<img src=x onerror=window.__pwned=3><b>bold</b>';

test('hostile topic and payload appear as text and inject nothing', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const region = await openScenario(page, { topic: TOPIC, payload: PAYLOAD, publishers: [{ qos: 1 }], subscribers: [{ qos: 1 }] });

  // The live view wraps long labels: one <text> per line, the lines of an arrow share its data-item.
  const labels = await region.locator('.messageText').evaluateAll((els) => {
    const byItem = new Map<string, string[]>();
    els.forEach((el, i) => {
      const key = el.getAttribute('data-item') ?? `line ${i}`;
      byItem.set(key, [...(byItem.get(key) ?? []), el.textContent ?? '']);
    });
    return [...byItem.values()].map((lines) => lines.join(' '));
  });
  const publish = labels.find((l) => l.startsWith('PUBLISH (QoS 1, id=1)'));
  expect(publish).toBeDefined();
  // The topic is shown (first 32 characters), entities and all, as plain text.
  expect(publish).toContain('t;%%{init:{"theme":"dark"}}%%<i…');
  // `#35;` typed by the user stays the four characters #35; (escaped, not decoded).
  expect(publish).toContain('“p;#35;%%<img …”');
  await expect(region.locator('img, script, foreignObject, b, iframe, [onerror]')).toHaveCount(0);
  await expect(page.locator('body img[src="x"], body script:not([src]):not([type])')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // No directive took effect: the diagram kept the default theme's actor fill.
  const actorFill = await region.locator('rect.actor').first().evaluate((el) => getComputedStyle(el).fill);
  expect(actorFill).toBe('rgb(236, 236, 255)');

  await page.getByRole('button', { name: 'Copy Mermaid', exact: true }).click();
  const text = await readClipboard(page);
  for (const line of text.trim().split('\n')) {
    expect(line.replace(/^[^:]*:/, '').replace(/#\w+;/g, '')).not.toMatch(/[;%<>#]/);
  }
  expect(errors).toEqual([]);
});
