// StrykerJS over the pure parts (`npm run mutate`, not part of npm test): src/core and src/export,
// mutated one small change at a time, each mutant run against the unit tests of its own folder
// (test/unit/core, test/unit/export: see vitest.config.ts beside this file). Incremental: the
// results of the last run are kept in stryker-incremental.json (committed), so a rerun tests only
// the mutants whose code or tests changed. The HTML report goes to test/mutation/report/ (ignored).
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'test/mutation/vitest.config.ts' },
  mutate: ['src/core/**/*.ts', 'src/export/**/*.ts'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'test/mutation/stryker-incremental.json',
  // The machine has two shared cores; more runners only fight over them.
  concurrency: 2,
  // The first run of the whole folder's tests (to learn which test covers which mutant) can take
  // many minutes on a loaded machine.
  dryRunTimeoutMinutes: 45,
  // A mutant of a module-level constant runs before any test, so every test would have to run for
  // each one; they are left out of the run (and the score) to keep it within an hour.
  ignoreStatic: true,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'test/mutation/report/index.html' },
  jsonReporter: { fileName: 'test/mutation/report/mutation.json' },
  // Stryker rewrites tsconfig.json's out-of-sandbox paths with TypeScript's JS API, which
  // TypeScript 7 (native) no longer has; ours has none to rewrite, so point it at no file.
  tsconfigFile: 'test/mutation/no-tsconfig-to-rewrite.json',
  tempDirName: 'test/mutation/.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 85, low: 70, break: null },
};
