import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Every engine a test starts (in this process or in a child CLI or `serve`) runs at this instant, never
 * at the wall clock: "this month" and "today" must not depend on the day the suite runs. A test that
 * needs another instant passes `now` to the engine or TOKENLEDGER_NOW to the child it starts.
 */
export const TEST_NOW = '2025-10-20T15:00:00Z';

/** The CLI speaks the machine's language; the suite's expectations are English unless a test asks for another. */
const TEST_LANG = 'en';

export default defineConfig({
  test: {
    env: { TOKENLEDGER_NOW: TEST_NOW, TOKENLEDGER_LANG: TEST_LANG },
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/renderer/**', 'node_modules/**'],
          testTimeout: 30_000,
          pool: 'forks',
          setupFiles: ['test/helpers/cleanup-setup.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}', 'test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts', 'test/helpers/cleanup-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          setupFiles: ['test/helpers/cleanup-setup.ts'],
          // A screen re-renders after its request answers: on a loaded machine that takes seconds, not
          // vitest's default second of expect.poll.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
