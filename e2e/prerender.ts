/**
 * `npm run prerender`: draws the default page's diagrams (src/ui/default-diagrams.ts: each
 * language, wide and phone; the phone's carries its narrow settings in its text) with
 * Mermaid in Chromium, through the page's own Mermaid wrapper, settings and styles, and writes
 * them to src/diagram/view/prerendered/ (an .mmd and an .svg per diagram, a loader module each and
 * the manifest index.ts). The page then shows them without loading Mermaid (prerender.ts).
 *
 * Run it when the test "prerendered diagrams" fails (the default scenario, its labels or notes,
 * the Mermaid settings or version changed), look at the SVGs, and commit what it wrote.
 * The SVGs carry this machine's font metrics; the page uses them only where the fonts match.
 */
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultPageDiagrams, type PageDiagram } from '../src/ui/default-diagrams';
import { PAGE_CONFIG } from '../src/diagram/view/mermaid-render';
import { PRERENDER_ID, textHash } from '../src/diagram/view/prerender';
import type { Drawn } from './prerender/entry';
import mermaidPackage from 'mermaid/package.json' with { type: 'json' };

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'src/diagram/view/prerendered');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The page's <html lang> per language (App.tsx). */
const HTML_LANG = { en: 'en', zh: 'zh-CN' } as const;

const count = (s: string, needle: string) => s.split(needle).length - 1;

async function main(): Promise<void> {
  const diagrams = defaultPageDiagrams();
  // The drawing page loads the manifest too: start from an empty one (old files may be gone).
  mkdirSync(OUT, { recursive: true });
  writeManifest(["  mermaid: '',", "  config: '',", '  entries: {},']);
  const server = await createServer({
    configFile: join(ROOT, 'vite.config.ts'),
    root: ROOT,
    // Not node_modules/.vite: node_modules may be shared with other checkouts.
    cacheDir: join(tmpdir(), 'mqtt-qos-lab-prerender-vite'),
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: Number(process.env.PRERENDER_PORT ?? 0), strictPort: false, hmr: false },
    optimizeDeps: { include: ['mermaid'] },
  });
  await server.listen();
  const base = server.resolvedUrls?.local[0];
  if (!base) throw new Error('the Vite server has no address');
  const browser = await chromium.launch({ executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const errors: string[] = [];
    /** Draw in a fresh page, as the page's first render (Mermaid numbers actors across renders). */
    const draw = async (text: string, htmlLang: string): Promise<Drawn> => {
      // Device scale 1: Chinese note heights can differ by a pixel at other scales (as live renders do).
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      try {
        await page.goto(new URL('e2e/prerender/index.html', base).href);
        await page.waitForFunction(() => typeof window.prerender === 'function', undefined, { timeout: 60_000 });
        return await page.evaluate(([t, l]) => window.prerender!(t, l), [text, htmlLang] as const);
      } finally {
        await page.close();
      }
    };

    const drawings: { d: PageDiagram; drawn: Drawn }[] = [];
    for (const d of diagrams) {
      const text = d.map.text;
      if (text.includes(PRERENDER_ID)) throw new Error(`${d.name}: the text contains the render id ${PRERENDER_ID}`);
      const drawn = await draw(text, HTML_LANG[d.lang]);
      // What the live view's reveal (reveal.ts indexSvg) will look for.
      const messages = d.map.items.filter((i) => i.kind === 'message').length;
      if (count(drawn.svg, 'data-et="message"') !== messages || count(drawn.svg, 'data-et="note"') !== d.map.items.length - messages) {
        throw new Error(`${d.name}: the SVG's messages and notes do not match the diagram's items`);
      }
      drawings.push({ d, drawn });
      console.log(`${d.name}: ${text.length} chars of Mermaid -> ${drawn.svg.length} chars of SVG (font probe ${drawn.probe} px)`);
    }
    if (errors.length) throw new Error(`the prerender page reported errors: ${errors.join(' | ')}`);

    for (const f of readdirSync(OUT)) if (/^default-.*\.(mmd|svg|ts)$/.test(f)) rmSync(join(OUT, f));
    const entries: string[] = [];
    for (const { d, drawn } of drawings) {
      const text = d.map.text;
      writeFileSync(join(OUT, `${d.name}.mmd`), text);
      writeFileSync(join(OUT, `${d.name}.svg`), drawn.svg);
      writeFileSync(join(OUT, `${d.name}.ts`), [
        '// Written by `npm run prerender` (e2e/prerender.ts); do not edit by hand.',
        `import text from './${d.name}.mmd?raw';`,
        `import svg from './${d.name}.svg?raw';`,
        '',
        'export default { text, svg };',
        '',
      ].join('\n'));
      entries.push(`    '${textHash(text)}': { name: '${d.name}', probe: ${drawn.probe}, load: () => import('./${d.name}') },`);
    }
    writeManifest([
      `  mermaid: '${mermaidPackage.version}',`,
      `  config: '${textHash(JSON.stringify(PAGE_CONFIG))}',`,
      '  entries: {',
      ...entries,
      '  },',
    ]);
  } finally {
    await browser.close();
    await server.close();
  }
}

function writeManifest(body: string[]): void {
  writeFileSync(join(OUT, 'index.ts'), [
    '// Written by `npm run prerender` (e2e/prerender.ts); do not edit by hand.',
    "import type { PrerenderManifest } from '../prerender';",
    '',
    'export const PRERENDERED: PrerenderManifest = {',
    ...body,
    '};',
    '',
  ].join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
