// The ASCII fast path of isPlausibleMailbox against the regex-only rule it replaced: random
// strings over an alphabet rich in the characters that matter (@, dots, spaces, controls, formula
// triggers and their full-width forms, NBSP, U+2028, U+200B, U+FEFF, astral and lone surrogates),
// plus fully random Unicode strings, give the same answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlausibleMailbox } from '../../../src/core/recipient-rules.ts';
import { plainIsPlausibleMailbox } from '../../support/plain-references.ts';

const interesting = fc.constantFrom(
  ...'@@..ab-_+=x1 ',
  '\t',
  '\n',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u00a0',
  '\u00ad',
  '\u00e9',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u3000',
  '\ufeff',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
  '\ud83d\ude00',
  '\ud800',
  'ß',
);
const addressLike = fc
  .tuple(
    fc.array(interesting, { maxLength: 6 }),
    fc.constantFrom('', '@'),
    fc.array(interesting, { maxLength: 8 }),
  )
  .map(([local, at, domain]) => `${local.join('')}${at}${domain.join('')}`);

describe('isPlausibleMailbox', () => {
  it('answers as the regex-only rule for address-like strings', () => {
    fc.assert(
      fc.property(addressLike, (address) => {
        expect(isPlausibleMailbox(address)).toBe(plainIsPlausibleMailbox(address));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    // Code points up to U+10FFFF (astral ones as surrogate pairs).
    {
      unit: 'code points',
      arbitrary: fc
        .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 12 })
        .map((cps) => String.fromCodePoint(...cps)),
    },
    // UTF-16 code units, so lone surrogates too.
    {
      unit: 'code units',
      arbitrary: fc
        .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
        .map((cus) => String.fromCharCode(...cus)),
    },
  ])('answers as the regex-only rule for any string ($unit)', ({ arbitrary }) => {
    fc.assert(
      fc.property(arbitrary, (s) => {
        const address = `a${s}@b.c`;
        return (
          isPlausibleMailbox(s) === plainIsPlausibleMailbox(s) &&
          isPlausibleMailbox(address) === plainIsPlausibleMailbox(address)
        );
      }),
      { numRuns: 3_000 },
    );
  });

  it('answers as the regex-only rule for every UTF-16 code unit inside an address', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const address of [`a${c}@b.c`, `${c}a@b.c`, `a@b.c${c}`]) {
        if (isPlausibleMailbox(address) !== plainIsPlausibleMailbox(address))
          expect.fail(`differs for U+${code.toString(16)} in ${JSON.stringify(address)}`);
      }
    }
  });
});
