/**
 * A tutorial author (or a learner who knows Wireshark) downloads the run as a capture:
 * "Download pcapng" saves a pcapng file of the whole run, built in the page from its trace,
 * named after the preset; the same run gives the same bytes as the CLI's `--format pcapng`.
 */
import { test, expect } from '@playwright/test';
import { downloadBytes, openScenario } from './support/diagram-exports';
import { findPreset } from '../src/sim/scenarios/presets';
import { runScenario } from '../src/sim/lab';
import { captureOrigin, toPcapng } from '../src/capture/to-pcapng';

test('Download pcapng saves the run as a pcapng capture, the same bytes as the CLI makes', async ({ page }) => {
  const scenario = findPreset('qos1-drop-puback-in')!.scenario;
  await openScenario(page, scenario);
  const button = page.getByRole('button', { name: 'Download pcapng', exact: true });
  await expect(button).toHaveText('Download pcapng');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe('mqtt-qos-lab-qos1-drop-puback-in.pcapng');
  const bytes = await downloadBytes(download);
  expect(bytes.subarray(0, 4).toString('hex')).toBe('0a0d0d0a'); // pcapng Section Header Block
  expect(bytes.readUInt32LE(8)).toBe(0x1a2b3c4d); // byte-order magic: little-endian
  expect(bytes.length).toBeGreaterThan(2000);
  expect(bytes.toString('utf8')).toContain('dropped by the lab');
  const run = runScenario(scenario, { checkpointEvery: 0 });
  expect(bytes.equals(Buffer.from(toPcapng(run.trace, captureOrigin(run.scenario))))).toBe(true);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
});
