/**
 * A learner compares MQTT 3.1.1 and 5.0 on the same scenario ("3.1.1 vs 5.0"): two diagrams side
 * by side, the differences marked Δ in both and listed in words, each list entry showing its place
 * in the diagrams; a 3.1.1 lesson flow shows no difference; in Chinese; at a phone's width; a link
 * reopens the view; hostile text stays text.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { LabPage } from './support/lab-page';
import { scenarioToHash } from '../src/worker/hash';
import { findPreset } from '../src/sim/scenarios/presets';

const PUBACK_0X10 = '5.0: PUBACK 0x10, no matching subscribers';

class VersionsPage {
  constructor(readonly page: Page) {}
  get picker(): Locator { return this.page.getByLabel('Scenario', { exact: true }); }
  diagram(version: '3.1.1' | '5.0', lang: 'en' | 'zh' = 'en'): Locator {
    return this.page.getByRole('region', { name: lang === 'zh' ? `时序图，MQTT ${version}` : `Sequence diagram, MQTT ${version}` });
  }
  get differences(): Locator { return this.page.locator('.diff-list > li'); }
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: '3.1.1 vs 5.0' }).click();
    await this.drawn();
  }
  /** Both diagrams drawn for the scenario chosen. */
  async drawn(): Promise<void> {
    await expect(this.page.locator('.version-diagram svg[aria-roledescription="sequence"]')).toHaveCount(2, { timeout: 20_000 });
  }
  async choose(option: { label: string } | string): Promise<void> {
    await this.picker.selectOption(option);
    await this.drawn();
  }
}

async function seriousViolations(page: Page, disabledRules: string[] = []): Promise<string[]> {
  const result = await new AxeBuilder({ page }).disableRules(disabledRules).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('PUBACK 0x10: two diagrams, the difference marked in both and linked from the list; a lesson flow shows none', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  const v = new VersionsPage(page);
  await v.open();
  // It opens on the lab's own scenario.
  await expect(v.picker).toHaveValue('');

  await v.choose({ label: PUBACK_0X10 });
  await expect(v.differences).toHaveCount(1);
  await expect(v.differences.first()).toContainText('Δ1');
  await expect(v.differences.first()).toContainText('0x10 No matching subscribers');
  await expect(v.diagram('5.0').locator('.messageText', { hasText: 'Δ1' }).first()).toBeVisible();
  await expect(v.diagram('5.0')).toContainText('0x10');
  await expect(v.diagram('3.1.1').locator('.messageText', { hasText: 'Δ1 PUBACK' })).toHaveCount(1);
  await expect(v.diagram('3.1.1')).not.toContainText('0x10');
  // Each diagram's outcome line: nobody subscribed, nothing owed.
  await expect(page.locator('.version-outcome')).toHaveCount(2);

  // From the keyboard: the list's button shows Δ1 in both diagrams.
  const show = page.getByRole('button', { name: 'Show Δ1 in 5.0' });
  await show.focus();
  await page.keyboard.press('Enter');
  await expect(v.diagram('5.0').locator('.vd-focus').first()).toBeVisible();
  await expect(v.diagram('3.1.1').locator('.vd-focus').first()).toBeVisible();
  expect((await v.diagram('5.0').locator('.vd-focus.messageText').allTextContents()).join(' ')).toContain('0x10');
  expect(await seriousViolations(page)).toEqual([]);

  // The link carries the view: reloading it reopens 3.1.1 vs 5.0 on the same scenario.
  await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('&view=versions');
  await page.reload();
  await v.drawn();
  await expect(v.picker).toHaveValue('v5-puback-no-subscribers');
  await expect(v.differences).toHaveCount(1);

  // A 3.1.1 lesson flow: the same packets in both versions, nothing marked.
  await v.choose({ label: 'Publisher QoS 2 / Subscriber QoS 2' });
  await expect(page.locator('[data-differences="0"]')).toContainText('No difference');
  await expect(v.differences).toHaveCount(0);
  await expect(page.locator('.version-diagram .messageText', { hasText: 'Δ' })).toHaveCount(0);
  await expect(page.locator('.version-outcome[data-verdict="held"]')).toHaveCount(2);
  lab.expectNoErrors();
});

test('in Chinese: the session expires in 5.0 only, the differences read in Chinese', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await page.getByLabel('Language', { exact: true }).selectOption('zh');
  const v = new VersionsPage(page);
  await v.open();
  await expect(page.getByRole('heading', { name: 'MQTT 3.1.1 与 5.0 并排对比' })).toBeVisible();
  await v.choose('v5-session-expiry');
  await expect(v.differences.filter({ hasText: '仅 5.0 有' })).toContainText('SUBSCRIBE');
  await expect(v.differences.filter({ hasText: '会话过期间隔' }).first()).toBeVisible();
  await expect(page.locator('.version-outcome[data-verdict="broken"]')).toContainText('保证未成立');
  await expect(v.diagram('5.0', 'zh')).toContainText('订阅者');
  expect(await seriousViolations(page, ['label-content-name-mismatch'])).toEqual([]);
  lab.expectNoErrors();
});

test('at a phone’s width the diagrams stack and the page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const lab = new LabPage(page);
  await page.goto(`./${scenarioToHash(findPreset('v5-message-expiry')!.scenario)}&view=versions`);
  const v = new VersionsPage(page);
  await v.drawn();
  const [a, b] = [await v.diagram('3.1.1').boundingBox(), await v.diagram('5.0').boundingBox()];
  expect(b!.y).toBeGreaterThan(a!.y + a!.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const lost = v.differences.filter({ hasText: 'Message Expiry Interval' }).filter({ hasText: 'reaches' });
  await expect(lost).toContainText('#2');
  await lost.getByRole('button', { name: /in 5\.0$/ }).click();
  await expect(v.diagram('5.0')).toBeInViewport();
  await expect(v.diagram('5.0').locator('.vd-focus').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  lab.expectNoErrors();
});

test('hostile topic and payload stay text in both marked diagrams', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const topic = 't;%%{init:{"theme":"dark"}}%%<img src=x onerror="window.__pwned=1">';
  await page.goto(`./${scenarioToHash({ topic, payload: '<img src=x onerror=window.__pwned=2>', publishers: [{ qos: 1 }], subscribers: [], mqttVersion: '5' })}&view=versions`);
  const v = new VersionsPage(page);
  await v.drawn();
  await expect(v.differences).toHaveCount(1);
  await expect(page.locator('.version-diagram').locator('img, script, foreignObject, iframe, [onerror]')).toHaveCount(0);
  await expect(page.locator('.versions img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});
