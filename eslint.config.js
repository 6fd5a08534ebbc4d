import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import tseslint from 'typescript-eslint';

// The layers of DESIGN.md point down only: ui -> worker -> lesson -> capture/diagram -> sim -> mqtt
// (cli and node are entry points on top); src/i18n, the catalog of words, is a leaf beside them
// that every layer but mqtt may read. A wrong-way import is a lint error
// (src/layers.test.ts shows each rule failing a wrong-way import).
// Inside mqtt, the broker and the client are two roles that share only mqtt/session, codec,
// topic and types: neither imports the other.
// Benchmarks are tooling beside the code they measure, not part of a layer. One file has one
// set of restrictions (a later config would replace an earlier one's), so each room lists all.
const layer = (name, forbidden, ignores = []) => ({
  files: [`src/${name}/**/*.{ts,tsx}`],
  ignores: ['**/*.bench.ts', ...ignores],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: forbidden.map((f) => ({
        group: [`**/${f}/*`, `**/${f}`],
        message: `src/${name} may not import from ${f}/ (DESIGN.md layers point down only).`,
      })),
    }],
  },
});

const MQTT_FORBIDDEN = ['sim', 'diagram', 'capture', 'lesson', 'worker', 'ui', 'cli', 'node', 'i18n'];
const TESTS = ['**/*.test.ts', '**/*.test-support.ts'];

// The page reaches the simulator and the engine only through the worker: from sim/ and mqtt/
// it may import types (the trace, the outcome, packets), never code that would run on the main
// thread.
const uiTypesOnly = {
  files: ['src/ui/**/*.{ts,tsx}'],
  ignores: TESTS,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', {
      patterns: ['sim', 'mqtt'].map((f) => ({
        group: [`**/${f}/*`, `**/${f}`], allowTypeImports: true,
        message: `src/ui may import only types from src/${f}; its code runs in the worker (DESIGN.md).`,
      })),
    }],
  },
};

// src/capture turns a trace into a pcapng file (in the page too: "Download pcapng") and captures
// back into traces. It works on bytes on the wire: from mqtt/ it takes types and the pure codec,
// never an engine (broker, client, session), which runs in the worker; from sim/ the trace and
// its helpers (layer() above keeps it below diagram, lesson, worker and ui). The page may import it.
const captureWithoutEngines = {
  files: ['src/capture/**/*.ts'],
  ignores: TESTS,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', {
      patterns: [{
        group: ['broker', 'client', 'session'].flatMap((f) => [`**/mqtt/${f}/*`, `**/mqtt/${f}`]), allowTypeImports: true,
        message: 'src/capture may import types and the codec from src/mqtt, not its engines (they run in the worker).',
      }],
    }],
  },
};

// src/i18n is a leaf: words and the pure helpers that format them. From mqtt/ and sim/ it takes
// only types (decision keys, trace params); nothing else of ours, so any layer may read it.
const i18nLeaf = {
  files: ['src/i18n/**/*.ts'],
  ignores: TESTS,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', {
      patterns: [
        ...['sim', 'mqtt'].map((f) => ({
          group: [`**/${f}/*`, `**/${f}`], allowTypeImports: true,
          message: `src/i18n may import only types from src/${f}; it is a leaf every layer reads.`,
        })),
        ...['diagram', 'capture', 'lesson', 'worker', 'ui', 'cli', 'node'].map((f) => ({
          group: [`**/${f}/*`, `**/${f}`],
          message: `src/i18n may not import from ${f}/; it is a leaf every layer reads.`,
        })),
      ],
    }],
  },
};

// src/mqtt is sans-I/O: no clocks, timers, randomness, console or DOM (STYLE.md).
const sansIo = {
  files: ['src/mqtt/**/*.ts'],
  ignores: ['src/mqtt/**/*.test.ts', 'src/mqtt/**/*.bench.ts'],
  rules: {
    'no-restricted-globals': ['error',
      ...['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'window', 'document', 'performance', 'console', 'Buffer', 'process']
        .map((name) => ({ name, message: 'src/mqtt is sans-I/O: the host owns time, I/O and logging.' }))],
    'no-restricted-properties': ['error',
      { object: 'Date', property: 'now', message: 'src/mqtt is sans-I/O: time is an argument.' },
      { object: 'Math', property: 'random', message: 'src/mqtt is sans-I/O: chance belongs to src/sim.' }],
  },
};

export default defineConfig([
  globalIgnores(['dist', 'dist-*', 'test-results', 'playwright-report', 'coverage']),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended, reactHooks.configs.flat.recommended, reactRefresh.configs.vite],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['e2e/**', '*.config.ts', '*.config.js', 'src/cli/**', 'src/**/*.test.ts', 'src/**/*.bench.ts'], languageOptions: { globals: globals.node } },
  { files: ['src/**/*.worker.ts'], languageOptions: { globals: globals.worker } },
  layer('mqtt', MQTT_FORBIDDEN),
  layer('mqtt/broker', [...MQTT_FORBIDDEN, 'client'], TESTS),
  layer('mqtt/client', [...MQTT_FORBIDDEN, 'broker'], TESTS),
  layer('mqtt/session', [...MQTT_FORBIDDEN, 'client', 'broker'], TESTS),
  layer('sim', ['diagram', 'capture', 'lesson', 'worker', 'ui', 'cli', 'node']),
  // diagram/ is pure text (trace -> Mermaid), what the CLI and the exports use; diagram/view/ is
  // the live diagram in the browser, built on it.
  layer('diagram', ['view', 'capture', 'lesson', 'worker', 'ui', 'cli', 'node'], ['src/diagram/view/**']),
  layer('diagram/view', ['capture', 'lesson', 'worker', 'ui', 'cli', 'node']),
  layer('cli', ['view', 'ui', 'worker']),
  layer('capture', ['diagram', 'lesson', 'worker', 'ui', 'cli', 'node']),
  layer('lesson', ['worker', 'ui', 'cli', 'node']),
  layer('worker', ['ui', 'cli', 'node']),
  uiTypesOnly,
  captureWithoutEngines,
  i18nLeaf,
  sansIo,
]);
