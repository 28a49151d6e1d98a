// Judges walks for the preview: each object once (its verdict and address cached by index), and
// duplicates per walk, since each selected group counts as if synced alone. Why numbers, not
// strings: at L the 15 walks hold ~1,000,000 items, and a Set of address strings per walk (with
// a lowercase copy per item) was a third of the core's time. Each candidate's address key gets a
// number once; a walk's "already taken" check is then a stamp in one typed array.
import type { DirectoryIndex } from './directory-index.ts';
import { emailKey } from './ids.ts';
import type { Counts, Reach } from './preview.ts';
import {
  judgeObject,
  OUTCOME_DUPLICATE,
  OUTCOME_RECIPIENT,
  REASON_CODES,
  type ReasonCode,
  type RuleOptions,
} from './recipient-rules.ts';

const NOT_JUDGED = 255;
const OUTCOMES = 2 + REASON_CODES.length;

export interface ReachJudge {
  /** Per object index: the address the rules looked at ('' for none or not judged). */
  readonly emails: string[];
  /**
   * Per object index: the number of its address key for a candidate recipient, else -1. Two
   * objects share a number exactly when their addresses compare equal (emailKey).
   */
  readonly addressNumbers: Int32Array;
  /** How many address numbers are given out so far (all of them once every walk is judged). */
  addressCount(): number;
  judgeReach(items: Int32Array, parents: Int32Array): { reach: Reach; counts: Counts };
}

export function createReachJudge(index: DirectoryIndex, options: RuleOptions): ReachJudge {
  const size = index.objects.length;
  const verdicts = new Uint8Array(size).fill(NOT_JUDGED);
  const emails: string[] = new Array<string>(size).fill('');
  // For a candidate recipient: the number of its address key (case-insensitive), from `keyNumbers`.
  const addressNumbers = new Int32Array(size).fill(-1);
  const keyNumbers = new Map<string, number>();
  // taken[n] === stamp: address number n already has a recipient in the current walk.
  const taken = new Int32Array(size);
  let stamp = 0;

  const judge = (item: number): number => {
    const verdict = judgeObject(index.objects[item] as never, index.kinds[item] as number, options);
    verdicts[item] = verdict.outcome;
    emails[item] = verdict.email;
    if (verdict.outcome === OUTCOME_RECIPIENT) {
      const key = emailKey(verdict.email);
      let number = keyNumbers.get(key);
      if (number === undefined) {
        number = keyNumbers.size;
        keyNumbers.set(key, number);
      }
      addressNumbers[item] = number;
    }
    return verdict.outcome;
  };

  return {
    emails,
    addressNumbers,
    addressCount: () => keyNumbers.size,
    judgeReach(items, parents) {
      stamp++;
      const outcomes = new Uint8Array(items.length);
      const tally = new Int32Array(OUTCOMES);
      for (let i = 0; i < items.length; i++) {
        const item = items[i] as number;
        let outcome = verdicts[item] as number;
        if (outcome === NOT_JUDGED) outcome = judge(item);
        if (outcome === OUTCOME_RECIPIENT) {
          const number = addressNumbers[item] as number;
          if (taken[number] === stamp) outcome = OUTCOME_DUPLICATE;
          else taken[number] = stamp;
        }
        outcomes[i] = outcome;
        tally[outcome] = (tally[outcome] as number) + 1;
      }
      const excluded = {} as Record<ReasonCode, number>;
      REASON_CODES.forEach((code, k) => {
        excluded[code] = tally[2 + k] as number;
      });
      const counts: Counts = {
        reached: items.length,
        recipients: tally[OUTCOME_RECIPIENT] as number,
        nestedGroups: tally[1] as number,
        excluded,
      };
      return { reach: { items, parents, outcomes }, counts };
    },
  };
}
