import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import tseslint from 'typescript-eslint';

// The layers of DESIGN.md point down only: ui -> worker -> sim -> mqtt; diagram sits beside
// sim for views (trace -> text). A wrong-way import is a lint error.
// Benchmarks are tooling beside the code they measure, not part of a layer.
const layer = (name, forbidden) => ({
  files: [`src/${name}/**/*.{ts,tsx}`],
  ignores: ['**/*.bench.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: forbidden.map((f) => ({
        group: [`**/${f}/*`, `**/${f}`],
        message: `src/${name} may not import from src/${f} (DESIGN.md layers point down only).`,
      })),
    }],
  },
});

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
  layer('mqtt', ['sim', 'diagram', 'worker', 'ui', 'cli']),
  layer('sim', ['diagram', 'worker', 'ui', 'cli']),
  layer('diagram', ['worker', 'ui', 'cli']),
  layer('worker', ['ui', 'cli']),
  sansIo,
]);
