/**
 * "Ready for a classroom": after one visit the lab works with the network off (the service worker
 * of vite-plugin-pwa precaches the page, the worker, the prerendered diagrams and the Mermaid
 * chunks the lab draws with), and a new version waits for "Reload" instead of switching by itself.
 */
import { test, expect, type Page } from '@playwright/test';
import { LabPage } from './support/lab-page';

// The page registers its service worker 10 s after load (src/main.tsx), then precaches 1.5 MB.
test.describe.configure({ timeout: 60_000 });

/** Wait until the service worker is active (so its precache is complete) and controls the page. */
async function offlineReady(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready; // resolves once a worker is active: its install, the precache, is done
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    const precache = (await caches.keys()).find((name) => name.startsWith('workbox-precache'));
    return precache ? (await (await caches.open(precache)).keys()).map((r) => new URL(r.url).pathname) : [];
  });
}

test('after one visit the lab works offline: a live Mermaid render at QoS 2, played to the end', async ({ page, context }) => {
  const lab = new LabPage(page);
  await lab.open();
  const precached = await offlineReady(page);
  for (const file of [/\/index\.html$/, /\/sim\.worker-[^/]+\.js$/, /\/mermaid\.core-[^/]+\.js$/, /\/sequenceDiagram-[^/]+\.js$/, /\/default-en-[^/]+\.js$/]) {
    expect(precached.some((p) => file.test(p)), String(file)).toBe(true);
  }
  // Not Mermaid's other diagram types.
  expect(precached.filter((p) => /\/(flowDiagram|classDiagram|erDiagram|ganttDiagram|mindmap|elk|cytoscape|katex)[^/]*\.js$/.test(p))).toEqual([]);

  await context.setOffline(true);
  const failed: string[] = [];
  // A request the reload itself aborts (the old page warming Mermaid up while the worker installed)
  // is no cache miss; an offline miss fails with net::ERR_INTERNET_DISCONNECTED or ERR_FAILED.
  page.on('requestfailed', (r) => { if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.url()} ${r.failure()?.errorText}`); });
  const mermaidFromWorker: string[] = [];
  page.on('response', (r) => { if (/\/assets\/(mermaid|sequenceDiagram)[^/]*\.js$/.test(r.url()) && r.fromServiceWorker()) mermaidFromWorker.push(r.url()); });
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await lab.ready();
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  // As a learner: QoS 2 on the publisher's side is a new run, drawn live by Mermaid (not the prerender).
  await lab.setQos('publisher', 2);
  await page.getByLabel('Speed', { exact: true }).selectOption('4');
  await lab.button('Play').click();
  await expect(lab.stepCounter).toHaveAttribute('data-step', (await lab.stepCounter.getAttribute('data-total'))!, { timeout: 30_000 });
  await expect(lab.button('Play')).toBeVisible();
  for (const packet of ['PUBREC', 'PUBREL', 'PUBCOMP']) await expect(lab.diagram).toContainText(packet);
  expect(mermaidFromWorker.length).toBeGreaterThan(0);
  expect(failed).toEqual([]); // nothing the lab used was missing from the precache
  await expect(lab.outcome).toContainText('The guarantee held.');
  lab.expectNoErrors();
});

test('after one visit the compare view draws its charts offline', async ({ page, context }) => {
  const lab = new LabPage(page);
  await lab.open();
  await offlineReady(page);
  await context.setOffline(true);
  await page.reload();
  await lab.ready();
  await page.getByRole('button', { name: 'Compare QoS' }).click();
  await page.getByLabel('Messages', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.locator('.compare-table tbody tr')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Packets per message' }).locator('svg')).toBeVisible({ timeout: 15_000 });
  lab.expectNoErrors();
});

test('a new version waits for "Reload" and switches only then', async ({ page, context }) => {
  // Each version of the app has its own service worker script. The one of this visit is marked
  // `v1`; the server's next one differs from it (Chromium fetches an update check either
  // through this route, `v2`, or straight from the server, unmarked: a new version both ways).
  let version = 1;
  await context.route(/\/sw\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n// v${version}\n` });
  });
  const lab = new LabPage(page);
  await lab.open();
  await offlineReady(page);
  const status = page.getByRole('status').filter({ hasText: 'A new version is ready' });
  await expect(status).toHaveCount(0);

  await lab.toEnd(); // a lesson is running
  const stepBefore = await lab.stepCounter.getAttribute('data-step');
  version = 2; // deployed
  await page.evaluate(async () => { await (await navigator.serviceWorker.ready).update(); });

  await expect(status).toBeVisible({ timeout: 15_000 });
  await expect(status).toContainText('A new version is ready:');
  // Nothing switched by itself: the new worker waits, and the lesson is where it was.
  await page.waitForTimeout(500);
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);
  await expect(lab.stepCounter).toHaveAttribute('data-step', stepBefore!);

  // Keyboard: the button follows the top bar in the tab order; Enter activates the new version and reloads.
  const reload = status.getByRole('button', { name: 'Reload' });
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus(); // the last control of the top bar
  await page.keyboard.press('Tab');
  await expect(reload).toBeFocused();
  const navigated = page.waitForEvent('framenavigated');
  await page.keyboard.press('Enter');
  await navigated;
  await lab.ready();
  await expect(status).toHaveCount(0);
  expect(await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { waiting: !!registration?.waiting, controlled: !!navigator.serviceWorker.controller };
  })).toEqual({ waiting: false, controlled: true });
  lab.expectNoErrors();
});
