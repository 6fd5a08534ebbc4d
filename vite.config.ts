import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// One port per kind of server, 127.0.0.1 only, failing loudly when busy (strictPort).
// LAB_PORT moves the preview server (and Playwright with it) when 4173 is taken.
// LAB_PORT also gives the build its own folder, so two test runs never share dist/.
const previewPort = Number(process.env.LAB_PORT ?? 4173);
const outDir = process.env.LAB_PORT ? `dist-${process.env.LAB_PORT}` : 'dist';

/**
 * Offline after one visit (issue "Ready for a classroom"): the service worker precaches the page,
 * the worker, the prerendered diagrams and the Mermaid chunks the lab draws with, not the 6 MB of
 * Mermaid's other diagram types. This plugin reads the chunk graph of the build and keeps the JS
 * reachable from the entry through static imports and through the lazy imports the lab makes:
 * every lazy import of our own code (compare view, prerendered diagrams, `import('mermaid')`)
 * and, among the lazy imports of libraries, only Mermaid's core and the diagram types below.
 */
const LAZY_LIBRARY_CHUNKS_USED = [
  /\/mermaid\/dist\/mermaid\.core\.mjs$/, // what `import('mermaid')` loads
  /\/node_modules\/workbox-window\//, // what registers the service worker on every visit
  /\/mermaid\/dist\/.*\/sequenceDiagram-[^/]*\.mjs$/, // the lab's diagram
  /\/mermaid\/dist\/.*\/xychartDiagram-[^/]*\.mjs$/, // the compare view's charts (CompareCharts.tsx)
];

function precacheOnlyUsedChunks(): { plugin: Plugin; keep: (url: string) => boolean } {
  let used: Set<string> | null = null;
  const plugin: Plugin = {
    name: 'lab:precache-used-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
      const wanted = (fileName: string) => {
        const id = chunks.get(fileName)?.facadeModuleId?.replace(/\\/g, '/') ?? '';
        return !id.includes('/node_modules/') || LAZY_LIBRARY_CHUNKS_USED.some((re) => re.test(id));
      };
      used = new Set();
      const queue = [...chunks.values()].filter((c) => c.isEntry).map((c) => c.fileName);
      while (queue.length) {
        const fileName = queue.pop()!;
        const chunk = chunks.get(fileName);
        if (!chunk || used.has(fileName)) continue;
        used.add(fileName);
        queue.push(...chunk.imports, ...chunk.dynamicImports.filter(wanted));
      }
      // The simulation worker is built on its own and arrives here as an asset: keep every JS asset.
      for (const o of Object.values(bundle)) if (o.type === 'asset' && o.fileName.endsWith('.js')) used.add(o.fileName);
    },
  };
  return { plugin, keep: (url) => !url.endsWith('.js') || !used || used.has(url) };
}

const precache = precacheOnlyUsedChunks();

/**
 * What the built page may do, declared (issue #16: the page reads files and may open sockets):
 * scripts only from its own origin (no inline script, no eval), styles also inline (Mermaid's
 * SVGs carry their own <style>, React sets style attributes), images also as data:/blob: URLs (the
 * PNG export), connections only to itself and to WebSocket URLs (a broker the learner names),
 * workers from itself. A <meta> cannot say frame-ancestors: the servers send it as a header
 * (framePolicy below). `npm start` (dev) has none: Vite's dev server injects
 * an inline script. e2e/page-keeps-its-policy.spec.ts fails when the browser reports a violation.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self' ws: wss:", "worker-src 'self' blob:", "manifest-src 'self'",
  "object-src 'none'", "base-uri 'self'", "form-action 'none'",
].join('; ');

const contentSecurityPolicy: Plugin = {
  name: 'lab:content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
};

/**
 * frame-ancestors, which only an HTTP header can say: the embed view (`?embed=1`, made for a
 * tutorial's iframe) may be framed by any page; the lab itself only by its own origin, so no
 * other site can dress it up and take the learner's clicks. Set by the dev and preview servers
 * (`npm start`, the browser tests); a static host can send the same header. The service worker
 * leaves embed navigations to the network (navigateFallbackDenylist below), so a cached page never
 * answers an iframe with the lab's stricter header. e2e/page-keeps-its-policy.spec.ts checks both.
 */
export function frameAncestors(requestUrl: string): string {
  const search = requestUrl.includes('?') ? requestUrl.slice(requestUrl.indexOf('?')).split('#')[0] : '';
  return new URLSearchParams(search).get('embed') === '1' ? 'frame-ancestors *' : "frame-ancestors 'self'";
}

const sendFrameAncestors = (req: { url?: string }, res: { setHeader(name: string, value: string): unknown }, next: () => void) => {
  res.setHeader('Content-Security-Policy', frameAncestors(req.url ?? '/'));
  next();
};
const framePolicy: Plugin = {
  name: 'lab:frame-ancestors',
  configureServer: (server) => { server.middlewares.use(sendFrameAncestors); },
  configurePreviewServer: (server) => { server.middlewares.use(sendFrameAncestors); },
};

export default defineConfig({
  // Relative base: the built folder works from any static host and from a sub-path.
  base: './',
  plugins: [
    react(),
    contentSecurityPolicy,
    framePolicy,
    precache.plugin,
    VitePWA({
      registerType: 'prompt', // a new version waits for the learner's "Reload" (UpdatePrompt.tsx)
      injectRegister: false, // src/main.tsx registers it lazily, once the page is idle
      devOptions: { enabled: false }, // `npm start` runs without a service worker
      includeManifestIcons: false, // the glob below already has them (else they are listed twice)
      manifest: {
        name: 'MQTT QoS Lab',
        short_name: 'QoS Lab',
        description: 'See how MQTT Quality of Service works: a real MQTT engine over a simulated lossy link, drawn as live sequence diagrams.',
        theme_color: '#1d5bbf', // --accent in src/ui/styles.css
        background_color: '#f4f6f9', // --soft
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png,ico,woff,woff2}'], // + manifest.webmanifest, added by the plugin
        globIgnores: ['screenshot.png'], // the README's picture
        manifestTransforms: [(entries) => ({ manifest: entries.filter((e) => precache.keep(e.url)), warnings: [] })],
        clientsClaim: true, // the first visit is served by the worker as soon as it is ready; updates still wait
        // Any file of the app (`index.html` itself excepted) opened directly is not a page of the app.
        // Nor is an embed view's navigation answered from the cache: the server's frame-ancestors header must reach it.
        navigateFallbackDenylist: [/\/[^/?]+\.(?!html?$)[a-z0-9]+$/i, /[?&]embed=1(?:&|$)/],
        // A chunk not precached still works offline once it has been used online.
        runtimeCaching: [
          {
            // Vite's hashed files never change: the cache is always right.
            urlPattern: ({ sameOrigin, url }) => sameOrigin && /\/assets\/[^/]+-[\w-]{8,}\.\w+$/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'lab-assets', expiration: { maxEntries: 200 }, cacheableResponse: { statuses: [200] } },
          },
          {
            urlPattern: ({ sameOrigin, request }) => sameOrigin && request.method === 'GET' && request.mode !== 'navigate',
            handler: 'StaleWhileRevalidate',
            options: { cacheName: 'lab-files', expiration: { maxEntries: 50 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  build: { outDir, chunkSizeWarningLimit: 1600 }, // mermaid's lazily loaded elk chunk is 1.5 MB
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: previewPort, strictPort: true },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'], // without it Vitest would also pick up e2e/*.spec.ts
    testTimeout: 30_000, // property runs and CLI child processes on a busy 2-core machine
  },
});
