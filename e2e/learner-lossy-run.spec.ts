/**
 * A learner sets up a lossy run with the controls a person uses (Loss rate, Messages, Seed),
 * jumps to the end and reads the Outcome: every run tells the truth (DESIGN.md, "Two rules").
 * Also: "Max in flight" sits beside "Loss rate" and reaches the link; the scenario copies as JSON.
 */
import { test, expect, type Page } from '@playwright/test';
import LZString from 'lz-string';
import { LabPage } from './support/lab-page';

interface ScenarioLike { seed: number; messages: number; link: { loss: number }; publishers: { maxInflight: number }[]; subscribers: { maxInflight: number }[] }

/** The scenario the page's link carries right now (null until the page has written one). */
async function scenarioInHash(page: Page): Promise<ScenarioLike | null> {
  const hash = await page.evaluate(() => location.hash);
  const body = /^#s=([^&]*)/.exec(hash)?.[1];
  const json = body ? LZString.decompressFromEncodedURIComponent(body) : null;
  return json ? (JSON.parse(json) as ScenarioLike) : null;
}

/** The four totals of the Outcome region, by their visible names. */
async function totals(lab: LabPage): Promise<Record<string, number>> {
  const boxes = await lab.outcome.locator('.totals > div').evaluateAll((els) =>
    els.map((el) => [el.querySelector('dt')?.textContent ?? '', Number(el.querySelector('dd')?.textContent)] as const));
  return Object.fromEntries(boxes);
}

/** Type a number into a field, as a learner does, and wait for the re-run. */
async function setNumber(lab: LabPage, name: string, value: number): Promise<void> {
  await lab.page.getByLabel(name, { exact: true }).fill(String(value));
  await lab.settled();
}

for (const seed of [1, 2, 3, 4, 5]) {
  test(`10 % loss, 10 messages, QoS 1 to QoS 1, seed ${seed}: every message arrives and the verdict says so`, async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open();
    await lab.setQos('publisher', 1);
    await lab.setQos('subscriber', 1);
    await page.getByLabel('Loss rate', { exact: true }).fill('0.1');
    await lab.settled();
    await expect(page.locator('output[for="loss"]')).toHaveText('10%');
    await page.getByText('More settings').click();
    await setNumber(lab, 'Messages', 10);
    await setNumber(lab, 'Seed', seed);
    // The link carries what the learner set (written a moment after the run lands).
    await expect.poll(async () => {
      const s = await scenarioInHash(page);
      return s && { seed: s.seed, messages: s.messages, loss: s.link.loss };
    }).toEqual({ seed, messages: 10, loss: 0.1 });

    await lab.toEnd();
    await expect(lab.stepCounter).toHaveText(/^Step (\d+) of \1$/);
    // At the end nothing is "so far" any more: every row shows its final count.
    await expect(lab.outcome.getByText('so far')).toHaveCount(0);
    await expect.poll(() => totals(lab)).toEqual(expect.objectContaining({ 'expected deliveries': 10, delivered: 10, lost: 0 }));
    await expect(lab.outcome.locator('.verdict')).toHaveText('The guarantee held.');
    await expect(lab.outcome.locator('.run-promise')).toHaveText('Promise of this run: at least once');
    // Ten rows, each delivered at least once and kept ("at least once ✓"); duplicates are allowed.
    const rows = lab.outcome.locator('table.pairs tbody tr');
    await expect(rows).toHaveCount(10);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('at least once ✓');
    await expect(lab.outcome).not.toContainText('Not judged');
    lab.expectNoErrors();
  });
}

test('"Max in flight" sits beside "Loss rate", explains itself, and changes the link', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  const loss = page.getByLabel('Loss rate', { exact: true });
  const window = page.getByLabel('Max in flight', { exact: true });
  await expect(window).toBeVisible();
  // Beside it: in the same group of always-visible settings.
  const group = page.locator('.loss-settings');
  await expect(group.getByLabel('Loss rate', { exact: true })).toHaveCount(1);
  await expect(group.getByLabel('Max in flight', { exact: true })).toHaveCount(1);
  await expect(loss).toBeVisible();
  await expect(window).toHaveValue('1');
  await expect(window).toHaveAttribute('title', /acknowledgement/);
  await expect(window).toHaveAccessibleDescription(/acknowledgement at once/);

  await expect.poll(() => scenarioInHash(page)).not.toBeNull();
  const before = await page.evaluate(() => location.hash);
  await window.fill('5');
  await lab.settled();
  await expect.poll(() => page.evaluate(() => location.hash)).not.toBe(before);
  const s = (await scenarioInHash(page))!;
  expect([...s.publishers, ...s.subscribers].map((c) => c.maxInflight).every((n) => n === 5)).toBe(true);

  // Out of range is not taken; a large window is.
  await window.fill('0');
  await window.fill('20');
  await lab.settled();
  await expect.poll(async () => (await scenarioInHash(page))?.publishers[0].maxInflight).toBe(20);

  // The link restores it.
  const link = await page.evaluate(() => location.href);
  const other = await page.context().newPage();
  const lab2 = new LabPage(other);
  await lab2.open(link);
  await expect(other.getByLabel('Max in flight', { exact: true })).toHaveValue('20');

  // In Chinese the words change, the accessible name stays the contract's.
  await page.getByLabel('Language', { exact: true }).selectOption('zh');
  await expect(page.locator('label[for="max-inflight"]')).toHaveText('最大在途消息数');
  await expect(page.getByLabel('Max in flight', { exact: true })).toHaveValue('20');
  lab.expectNoErrors();
  lab2.expectNoErrors();
});

test('"Copy scenario JSON" copies the scenario the CLI reads', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lab = new LabPage(page);
  await lab.open();
  await page.getByLabel('Loss rate', { exact: true }).fill('0.2');
  await lab.settled();
  await setNumber(lab, 'Max in flight', 2);
  await lab.button('Copy scenario JSON').click();
  await expect(page.locator('.export-status')).toContainText('Scenario JSON copied');
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as ScenarioLike;
  expect(copied.link.loss).toBe(0.2);
  expect(copied.publishers[0].maxInflight).toBe(2);
  expect(copied.subscribers[0].maxInflight).toBe(2);
  // The same object the link carries.
  await expect.poll(() => scenarioInHash(page)).toEqual(copied);
  lab.expectNoErrors();
});

test('a lost message names the event that lost it, and "show" moves the playback there from the keyboard', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.choosePreset('qos0-lost');
  await expect(lab.stepCounter).toHaveText(/^Step 0 of/);
  await expect(lab.outcome).toContainText('QoS 0: nothing re-sends it');
  const show = lab.outcome.getByRole('button', { name: /^Show the event that lost message #1 for subscriber$/ });
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(lab.stepCounter).not.toHaveText(/^Step 0 of/);
  await expect(lab.narration).toContainText(/lost|broke/);
  lab.expectNoErrors();
});
