/**
 * The built page declares what it may do (a Content-Security-Policy: no inline or remote script,
 * no eval, connections only to itself and WebSocket URLs), and nothing the lab does breaks it:
 * the browser reports every violation as a `securitypolicyviolation` event, collected here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page } from '@playwright/test';
import { LabPage } from './support/lab-page';
import { ourBroker, stopBrokers } from './support/brokers';

async function collectViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
}
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

test('the lab, its exports, the lesson and the compare view run under the policy without one violation', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await collectViolations(page);
  const lab = new LabPage(page);
  await lab.open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).toContain("connect-src 'self' ws: wss:");
  await lab.choosePreset('qos1-drop-puback-in');
  await lab.step(8);
  await lab.dropNext();
  // The exports draw with Mermaid, make a PNG through a canvas, write a pcapng: all in the page.
  for (const name of ['Download SVG', 'Download PNG', 'Download pcapng']) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name }).click();
    await download;
  }
  await page.getByRole('button', { name: 'Copy Mermaid' }).click();
  await page.getByRole('button', { name: 'Lesson' }).click();
  await expect(page.getByRole('group', { name: 'Your answer' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Reveal' }).click();
  await page.getByRole('button', { name: 'Compare QoS' }).click();
  await page.getByLabel('Messages', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.locator('.compare-table tbody tr')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Packets per message' }).locator('svg')).toBeVisible({ timeout: 15_000 });
  expect(await violations(page)).toEqual([]);
});

test('a live run on a real broker (issue #16) connects over ws: without one violation', async ({ page }) => {
  const broker = await ourBroker();
  try {
    await collectViolations(page);
    const lab = new LabPage(page);
    await lab.open();
    await page.getByRole('textbox', { name: 'Broker URL', exact: true }).fill(`ws://127.0.0.1:${broker.wsPort}`);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.locator('.live-note .live-status')).toHaveAttribute('data-live-state', 'finished', { timeout: 20_000 });
    await expect(lab.outcome.locator('.verdict')).toHaveAttribute('data-verdict', 'true');
    expect(await violations(page)).toEqual([]);
  } finally {
    await stopBrokers();
  }
});

test('the check can fail: an inline script is refused and reported', async ({ page }) => {
  await collectViolations(page);
  await new LabPage(page).open();
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
  });
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src/)]);
  expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
});

test('another site may frame the embed view, never the lab itself (frame-ancestors, sent as a header)', async ({ page, baseURL }) => {
  const refused: string[] = [];
  page.on('console', (m) => { if (/frame-ancestors/.test(m.text())) refused.push(m.text()); });
  // A tutorial on another origin (another loopback port), with the embed view and the lab in two iframes.
  const tutorial = createServer((_, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<!doctype html><title>A tutorial</title>
      <iframe id="embed" title="embed" width="640" height="480" src="${baseURL}/?embed=1"></iframe>
      <iframe id="lab" title="lab" width="640" height="480" src="${baseURL}/"></iframe>`);
  });
  await new Promise<void>((resolve) => tutorial.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${(tutorial.address() as AddressInfo).port}/`);
    await expect(page.frameLocator('#embed').getByRole('region', { name: 'Sequence diagram' })).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBe(1);
    expect(refused[0]).toContain("frame-ancestors 'self'");
    await expect(page.frameLocator('#lab').getByRole('button', { name: 'Play' })).toHaveCount(0);
  } finally {
    tutorial.close();
  }
});
