// The unit tests a mutant of src/core or src/export is judged by: those of its own folder. The
// rest of the suite (state, worker, CLI, e2e) exercises the same code through its adapters; the
// score per folder says how well the folder's own tests pin it down.
import { defineConfig } from 'vitest/config';
import base from '../../vite.config.ts';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/unit/core/**/*.test.{ts,tsx}', 'test/unit/export/**/*.test.{ts,tsx}'],
    setupFiles: ['test/mutation/fast-check-light.ts'],
  },
});
