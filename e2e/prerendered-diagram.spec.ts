/**
 * The default page shows its first diagram from a prerendered SVG (src/diagram/view/prerendered/)
 * without loading Mermaid, so Mermaid never runs while the page loads (Lighthouse, issue 7);
 * the first press then warms Mermaid up.
 * The prerendered diagram must behave as a live one: reveal, current step, click to select,
 * actor header; and the first changed run must render live, with an id of its own.
 */
import { test, expect, type Page } from '@playwright/test';
import { LabPage } from './support/lab-page';

const isMermaidChunk = (url: string) => /\/assets\/(mermaid|sequenceDiagram)[^/]*\.js$/.test(url);

/** The cover's lifelines and the sticky actor boxes wear the colours the browser gives the SVG's own. */
async function expectSvgColours(page: Page): Promise<void> {
  const colours = await page.evaluate(() => {
    const line = document.querySelector('.sequence-diagram svg line.actor-line')!;
    const rect = document.querySelector('.sequence-diagram svg rect.actor-top')!;
    return {
      svg: { line: getComputedStyle(line).stroke, fill: getComputedStyle(rect).fill, stroke: getComputedStyle(rect).stroke },
      cover: [...document.querySelectorAll<HTMLElement>('.seq-lifeline')].map((e) => getComputedStyle(e).borderLeftColor),
      header: [...document.querySelectorAll<HTMLElement>('.seq-actor')].map((e) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).borderTopColor]),
    };
  });
  expect(colours.cover.length).toBeGreaterThan(1);
  expect(new Set(colours.cover)).toEqual(new Set([colours.svg.line]));
  expect(colours.header.length).toBeGreaterThan(1);
  expect(new Set(colours.header.map((c) => c.join(' ')))).toEqual(new Set([`${colours.svg.fill} ${colours.svg.stroke}`]));
}

function watchMermaid(page: Page): string[] {
  const loaded: string[] = [];
  page.on('request', (r) => { if (isMermaidChunk(r.url())) loaded.push(r.url()); });
  return loaded;
}

for (const [locale, publisher, subscribe] of [['en-US', 'Publisher', 'SUBSCRIBE'], ['zh-CN', '发布者', 'SUBSCRIBE']] as const) {
  test(`the default page draws its diagram without Mermaid, and it works as a live one (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const mermaid = watchMermaid(page);
    const lab = new LabPage(page);
    await lab.open();
    const svg = lab.diagram.locator('svg[aria-roledescription="sequence"]');
    await expect(lab.diagram).toHaveAttribute('data-rendered', 'true');
    // Its own render id, which scopes Mermaid's styles inside it.
    const id = await svg.getAttribute('id');
    expect(id).toMatch(/^mmd-\d+$/);
    expect(await svg.locator('style').textContent()).toContain(`#${id}`);
    // The sticky actor header is read from it.
    await expect(lab.diagram.locator('.seq-actor').first()).toHaveText(publisher);
    await expectSvgColours(page);
    // Reveal: nothing of the run is shown before the first step; everything at the end.
    await expect(svg.locator('[data-et="message"].seq-future').first()).toBeAttached();
    expect(mermaid).toEqual([]);
    // The first press warms Mermaid up (for the first live render), and changes nothing on screen.
    await lab.toEnd();
    await expect(svg.locator('.seq-future')).toHaveCount(0);
    await expect(svg.locator('[data-et="message"].seq-current')).toHaveCount(1);
    // Click to select a message.
    await svg.locator('text.messageText', { hasText: subscribe }).first().click();
    await expect(svg.locator('[data-et="message"].seq-selected')).toHaveCount(1);
    await expect(lab.inspector).toContainText(subscribe);
    await expect.poll(() => mermaid.length).toBeGreaterThan(0);
    expect(await svg.getAttribute('id')).toBe(id);
    lab.expectNoErrors();
    await context.close();
  });
}

test('the first changed run is drawn live by Mermaid, with a new render id', async ({ page }) => {
  const mermaid = watchMermaid(page);
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.diagram).toHaveAttribute('data-rendered', 'true');
  const svg = lab.diagram.locator('svg[aria-roledescription="sequence"]');
  const first = await svg.getAttribute('id');
  expect(mermaid).toEqual([]);
  await lab.setQos('publisher', 2);
  await expect(svg).toContainText('PUBREC');
  expect(mermaid.length).toBeGreaterThan(0);
  const second = await svg.getAttribute('id');
  expect(second).toMatch(/^mmd-\d+$/);
  expect(second).not.toBe(first);
  expect(await page.locator(`[id="${second}"]`).count()).toBe(1);
  await lab.toEnd();
  await expect(svg.locator('.seq-future')).toHaveCount(0);
  await expectSvgColours(page);
  lab.expectNoErrors();
});

test('where the fonts differ, the font probe fails and the default page draws its diagram live, just as well', async ({ page }) => {
  // Another machine's font, for this page alone: the prerendered SVG was laid out with other
  // metrics, so the page must not use it (labels would overflow their boxes) and renders live.
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = 'body { font-family: "DejaVu Serif", serif !important; }';
      document.head.append(style);
    });
  });
  const mermaid = watchMermaid(page);
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.diagram).toHaveAttribute('data-rendered', 'true');
  const svg = lab.diagram.locator('svg[aria-roledescription="sequence"]');
  await expect(svg).toContainText('SUBSCRIBE');
  expect(mermaid.length).toBeGreaterThan(0); // drawn by Mermaid, not taken from the prerender
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('DejaVu Serif');
  await lab.toEnd();
  await expect(svg.locator('.seq-future')).toHaveCount(0);
  expect(await lab.outcomeTotal('delivered')).toBe(1);
  lab.expectNoErrors();
});
