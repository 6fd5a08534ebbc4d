import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One port per kind of server, 127.0.0.1 only, failing loudly when busy (strictPort).
// LAB_PORT moves the preview server (and Playwright with it) when 4173 is taken.
// LAB_PORT also gives the build its own folder, so two test runs never share dist/.
const previewPort = Number(process.env.LAB_PORT ?? 4173);
const outDir = process.env.LAB_PORT ? `dist-${process.env.LAB_PORT}` : 'dist';

export default defineConfig({
  // Relative base: the built folder works from any static host and from a sub-path.
  base: './',
  plugins: [react()],
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
