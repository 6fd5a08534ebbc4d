/** A teacher steps back and forth, shares a link that reproduces the run, and switches to Chinese. */
import { test, expect } from '@playwright/test';
import LZString from 'lz-string';
import { LabPage } from './support/lab-page';

test('Back then Step gives the same diagram', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.choosePreset('pub2-sub2');
  await lab.step(9);
  const at9 = await lab.visibleArrows();
  const narration = await lab.narration.innerText();
  await lab.back();
  expect((await lab.visibleArrows()).length).toBeLessThan(at9.length);
  await lab.step();
  expect(await lab.visibleArrows()).toEqual(at9);
  expect(await lab.narration.innerText()).toBe(narration);
  lab.expectNoErrors();
});

test('a copied link restores the scenario, the drops and the position', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const lab = new LabPage(page);
  await lab.open();
  await lab.setQos('publisher', 2);
  await lab.setQos('subscriber', 0);
  await lab.step(5);
  await lab.dropNext();
  await lab.step(2);
  const counter = await lab.stepCounter.innerText();
  const arrows = await lab.visibleArrows();
  await lab.button('Copy link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#s=');

  const other = await context.newPage();
  const lab2 = new LabPage(other);
  await lab2.open(link);
  await expect(other.getByLabel('Publisher QoS', { exact: true })).toHaveValue('2');
  await expect(other.getByLabel('Subscriber QoS', { exact: true })).toHaveValue('0');
  await expect(lab2.stepCounter).toHaveText(counter);
  expect(await lab2.visibleArrows()).toEqual(arrows);
  await expect(other.locator('.rules .chip')).toHaveCount(1);
  lab.expectNoErrors();
  lab2.expectNoErrors();
});

test('a damaged link shows one readable message and keeps the lab', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('./#s=notascenario');
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(page.getByRole('alert')).toContainText('link');
  await lab.step(2);
  await expect(lab.stepCounter).toHaveText(/^Step 2 of/);
});

test('a link with an invalid scenario keeps the current lab', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.setQos('publisher', 2);
  // A well-formed link whose scenario breaks the schema (QoS 7).
  const bad = `#s=${LZString.compressToEncodedURIComponent(JSON.stringify({ publishers: [{ qos: 7 }] }))}`;
  await page.evaluate((h) => { location.hash = h; }, bad);
  await expect(page.getByRole('alert')).toContainText('qos');
  await expect(page.getByLabel('Publisher QoS', { exact: true })).toHaveValue('2');
});

test('switching to 中文 changes the narration and remembers it', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.choosePreset('pub1-sub1');
  await lab.step(8);
  const english = await lab.narration.innerText();
  await page.getByLabel('Language', { exact: true }).selectOption('zh');
  await expect(lab.narration).not.toHaveText(english);
  await expect(lab.narration).toContainText(/[\u4e00-\u9fff]/);
  await expect(lab.button('Step')).toContainText('单步');
  await page.reload();
  await lab.ready();
  await expect(page.getByLabel('Language', { exact: true })).toHaveValue('zh');
});

test('keyboard only: a whole lesson without the mouse', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  // Tab to "Publisher QoS" and choose QoS 2 with the arrow keys.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Publisher QoS')) break;
  }
  await expect(page.getByLabel('Publisher QoS', { exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Publisher QoS', { exact: true })).toHaveValue('2');
  await page.keyboard.press('Tab'); // to Subscriber QoS
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Subscriber QoS', { exact: true })).toHaveValue('2');
  await lab.settled();
  // On to the Play button; from here on the lesson runs on shortcut keys.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Play')) break;
  }
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(lab.stepCounter).toHaveText(/^Step 3 of/);
  await page.keyboard.press('ArrowLeft');
  await expect(lab.stepCounter).toHaveText(/^Step 2 of/);
  await page.keyboard.press('d');
  await expect(page.locator('.rules .chip')).toHaveCount(1);
  await page.keyboard.press('r');
  await expect(lab.stepCounter).toHaveText(/^Step 0 of/);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  lab.expectNoErrors();
});
