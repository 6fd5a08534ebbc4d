/**
 * A tutorial author exports the diagram of a run: Mermaid text, SVG, PNG, a link that
 * reproduces the run, and an embed snippet whose page shows only the diagram and playback.
 */
import { test, expect } from '@playwright/test';
import { diagram, downloadBytes, messageLabels, openScenario, pngSize, readClipboard, waitForDiagram } from './support/diagram-exports';

const DROPPED_PUBACK = {
  publishers: [{ qos: 1 as const }], subscribers: [{ qos: 1 as const }],
  faults: [{ kind: 'drop' as const, type: 'PUBACK' as const, from: 'broker', to: 'publisher' }],
};

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('Copy Mermaid copies the whole run as Mermaid text', async ({ page }) => {
  await openScenario(page, DROPPED_PUBACK);
  await page.getByRole('button', { name: 'Copy Mermaid', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  const text = await readClipboard(page);
  expect(text.startsWith('sequenceDiagram\n  autonumber\n')).toBe(true);
  expect(text).toContain('broker--xpublisher: PUBACK (id=1)');
  expect(text).toContain('PUBLISH (QoS 1, id=1, DUP)');
  expect(text).toContain('⚠ duplicate');
});

test('Download SVG gives a standalone SVG with the packet labels', async ({ page }) => {
  await openScenario(page, DROPPED_PUBACK);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG', exact: true }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.svg$/);
  const svg = (await downloadBytes(download)).toString('utf8');
  expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svg).not.toContain('foreignObject');
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, root: doc.documentElement.tagName, width: doc.documentElement.getAttribute('width'),
      labels: Array.from(doc.querySelectorAll('.messageText')).map((t) => t.textContent) };
  }, svg);
  expect(parsed.error).toBe(false);
  expect(parsed.root).toBe('svg');
  expect(Number(parsed.width)).toBeGreaterThan(300);
  expect(parsed.labels).toContain('PUBACK (id=1)');
  expect(parsed.labels.some((l) => l?.startsWith('PUBLISH (QoS 1, id=1, DUP)'))).toBe(true);
});

test('Download PNG gives a PNG twice the SVG size, on white', async ({ page }) => {
  await openScenario(page, DROPPED_PUBACK);
  const [svgDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG', exact: true }).click()]);
  const svg = (await downloadBytes(svgDl)).toString('utf8');
  const svgWidth = Number(/<svg[^>]*\swidth="(\d+)"/.exec(svg)?.[1]);
  const svgHeight = Number(/<svg[^>]*\sheight="(\d+)"/.exec(svg)?.[1]);
  const [pngDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG', exact: true }).click()]);
  expect(pngDl.suggestedFilename()).toMatch(/\.png$/);
  const png = await downloadBytes(pngDl);
  expect(pngSize(png)).toEqual({ width: svgWidth * 2, height: svgHeight * 2 });
  // It decodes, its corner is white, and the lifelines and arrows left dark pixels.
  const pixels = await page.evaluate(async (b64) => {
    // Not fetch(data:): the page's Content-Security-Policy allows connections only to itself.
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], { type: 'image/png' }));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 160 && data[i + 1] < 160 && data[i + 2] < 160) dark++;
    return { corner: Array.from(data.slice(0, 4)), dark, total: data.length / 4 };
  }, png.toString('base64'));
  expect(pixels.corner).toEqual([255, 255, 255, 255]);
  expect(pixels.dark).toBeGreaterThan(pixels.total / 500);
});

test('Copy link, opened in a new page, reproduces the same diagram', async ({ page, context }) => {
  const region = await openScenario(page, DROPPED_PUBACK);
  const labels = await messageLabels(region);
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /copied/i })).toBeVisible();
  const link = await readClipboard(page);
  expect(link).toMatch(/#s=/);
  const other = await context.newPage();
  await other.goto(link);
  const again = await waitForDiagram(other);
  expect(await messageLabels(again)).toEqual(labels);
  expect(labels).toContain('PUBACK (id=1)');
});

test('Embed offers an iframe snippet and a Markdown block; the embed page shows no other chrome', async ({ page }) => {
  await openScenario(page, DROPPED_PUBACK);
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const snippets = await dialog.locator('textarea').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  const iframe = snippets.find((s) => s.startsWith('<iframe'))!;
  expect(iframe).toMatch(/src="[^"]*\?embed=1#s=[^"]+"/);
  expect(iframe).toContain('width="640" height="480"');
  expect(snippets.some((s) => s.startsWith('```mermaid\nsequenceDiagram'))).toBe(true);

  const src = /src="([^"]+)"/.exec(iframe)![1].replace(/&amp;/g, '&');
  await page.setViewportSize({ width: 640, height: 480 });
  await page.goto(src);
  await waitForDiagram(page);
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy Mermaid' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Packet inspector' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Outcome' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(diagram(page).locator('.seq-current').first()).toBeVisible();
});
