/**
 * Page helpers for the diagram and export specs: open a scenario by URL hash, find the
 * diagram region, read downloads and PNG headers. Found by role and accessible name only.
 */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { parseScenario, scenarioToHash, type ScenarioInput } from '../../src/worker/share';

export function diagram(page: Page): Locator {
  return page.getByRole('region', { name: 'Sequence diagram' });
}

/** Open the lab on `scenario` (in the hash, as a shared link carries it); wait for the diagram. */
export async function openScenario(page: Page, scenario: ScenarioInput, query = ''): Promise<Locator> {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(parsed.error);
  await page.goto(`./${query}${scenarioToHash(parsed.value)}`);
  return waitForDiagram(page);
}

export async function waitForDiagram(page: Page): Promise<Locator> {
  const region = diagram(page);
  await expect(region.locator('svg[aria-roledescription="sequence"]')).toBeVisible({ timeout: 20_000 });
  return region;
}

/** All message labels of the rendered run (revealed or not), in order. */
export function messageLabels(region: Locator): Promise<string[]> {
  return region.locator('.messageText').allTextContents();
}

export async function downloadBytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

/** Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian). */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export async function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}
