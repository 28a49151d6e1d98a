// The round loop's bound: work that leads back to a request already sent (a walk gone round a
// cycle of groups) ends the run with a named error, where it would otherwise read for ever.
import { describe, expect, it } from 'vitest';
import { startRun } from '../../../src/graph/graph-run.ts';
import type { Work } from '../../../src/graph/read-state.ts';
import { graphTenant } from '../../fixtures/graph-tenant.ts';
import { createHarness } from '../../support/graph-harness.ts';

describe('runRounds', () => {
  it('stops when work asks for a URL it already sent, naming it', async () => {
    const harness = createHarness(graphTenant());
    const run = startRun('global', undefined, harness.deps);
    const again = (): Work => ({ request: { url: '/organization?$select=id' }, handle: () => [again()] });
    await expect(run.runRounds([again()])).rejects.toThrow(
      'graph reader: /organization?$select=id was asked for twice',
    );
    expect(harness.fake.stats.subRequests).toBe(1);
  });

  it('sends every distinct request once', async () => {
    const harness = createHarness(graphTenant());
    const run = startRun('global', undefined, harness.deps);
    const answered: string[] = [];
    const work = (url: string, next: string[]): Work => ({
      request: { url },
      handle: (outcome) => {
        answered.push(`${url} ${outcome.ok}`);
        return next.map((link) => work(link, []));
      },
    });
    await run.runRounds([work('/organization', ['/subscribedSkus']), work('/subscribedSkus?$top=1', [])]);
    expect(answered).toEqual(['/organization true', '/subscribedSkus?$top=1 true', '/subscribedSkus true']);
  });
});
