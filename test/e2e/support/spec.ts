// The shape of an e2e spec file (test/e2e/*.e2e.ts) and what run.ts hands each test. A test calls
// `t.start(options)` instead of startE2E: the runner then closes the browser and server afterwards
// and, when the test fails, saves a screenshot of every page still open.
import type { FirefoxE2E, FirefoxE2EOptions } from './firefox.ts';
import type { E2E, StartE2EOptions } from './start-e2e.ts';

export interface E2ETestContext {
  /** test/e2e/artifacts/<spec>/<test>/ (created on first screenshot). */
  readonly artifacts: string;
  /** startE2E with this test's artifacts folder, closed by the runner after the test. */
  start(options?: StartE2EOptions): Promise<E2E>;
  /** The same in Debian's Firefox ESR (WebDriver BiDi), closed by the runner after the test. */
  startFirefox(options?: FirefoxE2EOptions): Promise<FirefoxE2E>;
  /** A line in the runner's output under the test's name. */
  log(message: string): void;
}

export interface E2ETest {
  readonly name: string;
  /** Default 60 s. */
  readonly timeoutMs?: number;
  run(t: E2ETestContext): Promise<void>;
}

export interface E2ESpec {
  readonly name: string;
  readonly tests: readonly E2ETest[];
}

export function defineSpec(spec: E2ESpec): E2ESpec {
  return spec;
}
