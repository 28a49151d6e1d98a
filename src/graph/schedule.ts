// How much of the known work goes out in a round. Rounds keep the reader deterministic, but a
// round lasts as long as its slowest batch, and a group's pages can only be read one after
// another. So when a long page chain is known (a selected group's $count says it has many pages
// left), the rest of the work is spread over the rounds that chain needs anyway, instead of one
// huge round that would hold the chain up; either way only full batches of 20 go out unless less
// than 20 is known. Next pages go first: they are the critical path.
import { MAX_BATCH } from './graph-client.ts';
import { NORMAL, type Work } from './read-state.ts';

/**
 * The number of pending requests to send this round: all when fewer than a batch, else a multiple
 * of 20 — everything that fills whole batches when `horizon` (rounds a known chain still needs)
 * is 1, otherwise about 1/horizon of it, never less than the `urgent` ones.
 */
export function roundSize(pending: number, urgent: number, horizon: number): number {
  if (pending <= MAX_BATCH) return pending;
  if (horizon <= 1) return pending - (pending % MAX_BATCH);
  const quota = Math.max(urgent, Math.ceil(pending / horizon));
  return Math.min(pending, Math.ceil(quota / MAX_BATCH) * MAX_BATCH);
}

/** Stable: equal priorities keep their order, so rounds stay deterministic. */
export function byPriority(work: Work[]): Work[] {
  return work
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (a.item.priority ?? NORMAL) - (b.item.priority ?? NORMAL) || a.i - b.i)
    .map(({ item }) => item);
}
