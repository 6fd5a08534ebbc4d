/**
 * A tutorial author opens the Embed dialog (issue "Ready for a classroom"): each snippet is
 * readable in full, lined up under its label with its Copy button, and one press copies it;
 * on a laptop and on a phone, in English and in Chinese.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openScenario, readClipboard } from './support/diagram-exports';

// A run with a drop and a re-send: a long link and a long Mermaid block.
const DROPPED_PUBACK = {
  publishers: [{ qos: 1 as const }], subscribers: [{ qos: 1 as const }],
  faults: [{ kind: 'drop' as const, type: 'PUBACK' as const, from: 'broker', to: 'publisher' }],
};

async function openEmbed(page: Page, lang: 'en' | 'zh') {
  await openScenario(page, DROPPED_PUBACK);
  if (lang === 'zh') await page.getByLabel('Language', { exact: true }).selectOption('zh');
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

for (const lang of ['en', 'zh'] as const) {
  for (const [screen, viewport] of [['laptop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
    test(`each snippet is shown whole and copies with one press (${screen}, ${lang})`, async ({ browser }) => {
      const context = await browser.newContext({ viewport });
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const page = await context.newPage();
      const dialog = await openEmbed(page, lang);
      const boxes = dialog.locator('textarea');
      await expect(boxes).toHaveCount(2);
      // Nothing of the dialog sticks out of the screen sideways.
      const frame = await dialog.boundingBox();
      expect(frame!.x).toBeGreaterThanOrEqual(0);
      expect(frame!.x + frame!.width).toBeLessThanOrEqual(viewport.width);
      for (let i = 0; i < 2; i++) {
        const box = boxes.nth(i);
        // The whole text is in the box: nothing to scroll inside it, either way.
        const size = await box.evaluate((el) => ({ sh: el.scrollHeight, ch: el.clientHeight, sw: el.scrollWidth, cw: el.clientWidth }));
        expect(size.sh).toBeLessThanOrEqual(size.ch);
        expect(size.sw).toBeLessThanOrEqual(size.cw);
        // Its label above its left edge, its Copy button above its right edge.
        const id = await box.getAttribute('id');
        const label = dialog.locator(`label[for="${id}"]`);
        const copy = dialog.getByRole('button', { name: `${lang === 'zh' ? '复制' : 'Copy'}: ${await label.innerText()}`, exact: true });
        const [b, l, c] = await Promise.all([box.boundingBox(), label.boundingBox(), copy.boundingBox()]);
        expect(Math.abs(l!.x - b!.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(c!.x + c!.width - (b!.x + b!.width))).toBeLessThanOrEqual(1);
        expect(l!.y + l!.height).toBeLessThanOrEqual(b!.y + 1);
        expect(c!.y + c!.height).toBeLessThanOrEqual(b!.y + 1);
        // One press copies exactly the snippet shown, and the dialog says so.
        await copy.click();
        expect(await readClipboard(page)).toBe(await box.inputValue());
        await expect(dialog.locator('.embed-snippet').nth(i).getByRole('status')).toHaveText(lang === 'zh' ? '✓ 已复制' : '✓ Copied');
      }
      const [iframe, markdown] = await Promise.all([boxes.nth(0).inputValue(), boxes.nth(1).inputValue()]);
      expect(iframe).toMatch(/^<iframe src="[^"]*\?embed=1#s=[^"]+"/);
      expect(markdown.startsWith('```mermaid\nsequenceDiagram\n')).toBe(true);
      expect(markdown).toContain('PUBLISH (QoS 1, id=1, DUP)');
      const axe = await new AxeBuilder({ page }).include('dialog').analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
      // Close (or Escape) goes back to the lab.
      await dialog.getByRole('button', { name: lang === 'zh' ? '关闭' : 'Close', exact: true }).click();
      await expect(dialog).toBeHidden();
      await context.close();
    });
  }
}
