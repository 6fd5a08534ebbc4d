/**
 * A learner on a phone (390×844, issue "Ready for a classroom"): the first screen shows the
 * playback controls and the diagram with all three lifelines, drawn from the phone's own
 * prerendered SVG (no Mermaid while the page loads); the setup is one tap away.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { LabPage } from './support/lab-page';

const PHONE = { width: 390, height: 844 };
const isMermaidChunk = (url: string) => /\/assets\/(mermaid|sequenceDiagram)[^/]*\.js$/.test(url);

/** What of the diagram region is on screen: its box, within its scroll box and the viewport. */
function visibleBox(page: Page) {
  return page.getByRole('region', { name: 'Sequence diagram' }).evaluate((region) => {
    const scroller = region.parentElement!;
    const a = region.getBoundingClientRect();
    const b = scroller.getBoundingClientRect();
    return {
      left: Math.max(a.left, b.left, 0), top: Math.max(a.top, b.top, 0),
      right: Math.min(a.right, b.right, window.innerWidth), bottom: Math.min(a.bottom, b.bottom, window.innerHeight),
      scrolled: { page: window.scrollX + window.scrollY, left: scroller.scrollLeft, top: scroller.scrollTop },
      overflowX: scroller.scrollWidth - scroller.clientWidth,
    };
  });
}

for (const [locale, captions] of [['en-US', ['Pub', 'Broker', 'Sub']], ['zh-CN', ['发布者', '代理', '订阅者']]] as const) {
  test(`the first screen shows Play, Step and all three lifelines, drawn without Mermaid (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = await context.newPage();
    const mermaid: string[] = [];
    page.on('request', (r) => { if (isMermaidChunk(r.url())) mermaid.push(r.url()); });
    const lab = new LabPage(page);
    await lab.open();
    await expect(lab.diagram).toHaveAttribute('data-rendered', 'true');
    // The compact diagram: short captions on narrow boxes.
    await expect(lab.diagram.locator('.seq-actor')).toHaveText([...captions]);
    expect(mermaid).toEqual([]); // the phone's diagram came prerendered

    const box = await visibleBox(page);
    expect(box.scrolled).toEqual({ page: 0, left: 0, top: 0 });
    expect(box.overflowX).toBeLessThanOrEqual(0); // no sideways scrolling to find a lifeline
    const inside = async (selector: string) => {
      const rects = await lab.diagram.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
      expect(rects).toHaveLength(3);
      for (const r of rects) {
        expect(r.left).toBeGreaterThanOrEqual(box.left - 0.5);
        expect(r.right).toBeLessThanOrEqual(box.right + 0.5);
        expect(r.top).toBeGreaterThanOrEqual(box.top - 0.5);
        expect(r.bottom).toBeLessThanOrEqual(box.bottom + 0.5);
      }
    };
    await inside('.seq-actor'); // the sticky header row
    await inside('svg rect.actor-top'); // and Mermaid's own boxes under it
    await expect(lab.button('Play')).toBeInViewport({ ratio: 1 });
    await expect(lab.button('Step')).toBeInViewport({ ratio: 1 });
    expect(mermaid).toEqual([]);

    // It plays as on a wide screen.
    await lab.step(3);
    await expect(lab.stepCounter).toHaveAttribute('data-step', '3');
    await expect(lab.diagram.locator('svg [data-et="message"].seq-current')).toHaveCount(1);
    lab.expectNoErrors();
    await context.close();
  });

  test(`the setup opens with one tap, and Publisher QoS works from there (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: PHONE });
    const page = await context.newPage();
    const lab = new LabPage(page);
    await lab.open();
    const setup = page.getByRole('button', { name: 'Setup', exact: true });
    await expect(setup).toBeInViewport({ ratio: 1 });
    await expect(setup).toHaveAttribute('aria-expanded', 'false');
    await expect(setup).toContainText(locale === 'zh-CN' ? '设置' : 'Setup');
    await expect(page.getByLabel('Publisher QoS', { exact: true })).toBeHidden();

    await setup.click();
    await expect(setup).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['Scenario', 'Publisher QoS', 'Subscriber QoS']) await expect(page.getByLabel(name, { exact: true })).toBeVisible();
    // Open, it has no serious accessibility violation (in Chinese the names stay the English contract's).
    const axe = await new AxeBuilder({ page }).disableRules(locale === 'zh-CN' ? ['label-content-name-mismatch'] : []).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await lab.setQos('publisher', 2);
    await expect(setup).toHaveAccessibleDescription(/QoS 2/); // what the closed bar says the run is
    // The new run is drawn live, still compact, with the QoS 2 handshake.
    await expect(lab.diagram.locator('svg')).toContainText('PUBREC');
    await expect(lab.diagram.locator('.seq-actor').first()).toHaveText(locale === 'zh-CN' ? '发布者' : 'Pub');
    expect(await lab.diagram.evaluate((r) => r.parentElement!.scrollWidth - r.parentElement!.clientWidth)).toBeLessThanOrEqual(0);

    // "Done" at the end of the setup folds it away and brings the bar (and the stage under it) back.
    await page.getByRole('button', { name: locale === 'zh-CN' ? /^完成/ : /^Done/ }).click();
    await expect(setup).toHaveAttribute('aria-expanded', 'false');
    await expect(setup).toBeFocused();
    await expect(lab.button('Play')).toBeInViewport();
    lab.expectNoErrors();
    await context.close();
  });
}

test('on a phone, Copy Mermaid still copies the full diagram, as the CLI prints it', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.diagram.locator('.seq-actor').first()).toHaveText('Pub');
  await page.getByRole('button', { name: 'Copy Mermaid', exact: true }).click();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text.startsWith('sequenceDiagram\n')).toBe(true); // no phone settings in it
  expect(text).toContain('participant publisher as Publisher');
  expect(text).toContain('publisher->>broker: PUBLISH (QoS 1, id=1) sensors/temp “21.5 °C”');
  lab.expectNoErrors();
  await context.close();
});

test('a wide screen keeps the full diagram and the setup column', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.diagram.locator('.seq-actor').first()).toHaveText('Publisher');
  await expect(page.getByLabel('Publisher QoS', { exact: true })).toBeVisible();
  // Narrowed to a phone, the live view switches to the compact diagram (and back).
  await page.setViewportSize(PHONE);
  await expect(lab.diagram.locator('.seq-actor').first()).toHaveText('Pub');
  await expect(page.getByRole('button', { name: 'Setup', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(lab.diagram.locator('.seq-actor').first()).toHaveText('Publisher');
  await expect(page.getByLabel('Publisher QoS', { exact: true })).toBeVisible();
  lab.expectNoErrors();
});
