import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCoder, createPseudonyms } from '../../../src/core/pseudonym-maps.ts';
import { isPlausibleMailbox } from '../../../src/core/recipient-rules.ts';

const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const hasGuestMark = (value: string) => value.trim().toUpperCase().includes('#EXT#');

/** Everything the recipient rules see of an address. */
const ruleView = (raw: string) => {
  const core = raw.trim();
  return {
    blank: core === '',
    surroundings: [raw.slice(0, raw.length - raw.trimStart().length), raw.slice(raw.trimEnd().length)],
    plausible: isPlausibleMailbox(core),
    formulaStart: FORMULA_START.test(core),
    guest: hasGuestMark(raw),
  };
};

// Pieces that make the addresses real tenants have and the rules care about.
const space = fc.constantFrom('', ' ', '\t', '\u00a0', '\u200b', '\n');
const local = fc.constantFrom(
  'a',
  'A',
  'j.doe',
  'J.Doe',
  'J.DOE',
  '=cmd',
  '+tag',
  '-dash',
  '＝wide',
  'a b',
  'a\u200bb',
  'first_last',
  'x#EXT#',
  'ali_partner.example#EXT#',
  'ali_partner.example#ext#',
  'zoë',
  'ΣΑΣ',
  '',
);
const domain = fc.constantFrom(
  'contoso.example',
  'CONTOSO.example',
  'Contoso.Example',
  'localhost',
  '.com',
  'x..com',
  'com.',
  'partner.example',
  'contoso.onmicrosoft.example',
  'sub.contoso.example',
);
const separator = fc.constantFrom('@', '@@', '', '＠');
const addressArb = fc
  .tuple(space, local, separator, domain, space)
  .map(([before, name, at, host, after]) => `${before}${name}${at}${host}${after}`);

describe('createPseudonyms: addresses', () => {
  it.each([
    {
      description: 'keeps surrounding whitespace',
      input: ' j.doe@contoso.example\t',
      check: (out: string) => out.startsWith(' ') && out.endsWith('\t'),
      notes: '',
    },
    {
      description: 'keeps a leading formula character',
      input: '=cmd@contoso.example',
      check: (out: string) => out.startsWith('=') && !out.includes('cmd'),
      notes: 'the rules exclude it as invalid-email; the stand-in must be excluded too',
    },
    {
      description: 'keeps #EXT# in a guest UPN, case and all',
      input: 'ali_partner.example#ExT#@contoso.onmicrosoft.example',
      check: (out: string) => out.includes('#ExT#') && !out.includes('ali') && !out.includes('partner'),
      notes: '',
    },
    {
      description: 'keeps a space inside (an implausible mailbox)',
      input: 'maria lopez@contoso.example',
      check: (out: string) => / .*@/.test(out) && !out.includes('maria'),
      notes: 'a planted demo person',
    },
    {
      description: 'maps a whitespace-only value to itself',
      input: '  ',
      check: (out: string) => out === '  ',
      notes: 'blank is no-email either way',
    },
  ])('$description', ({ input, check }) => {
    const out = createPseudonyms('salt').address(input, 'user');
    expect(check(out), out).toBe(true);
    expect(ruleView(out)).toEqual(ruleView(input));
  });

  it('maps an address alike wherever it appears, ignoring case, in the original case pattern', () => {
    const names = createPseudonyms('salt');
    const mail = names.address('J.Doe@Contoso.example', 'user');
    const upn = names.address('j.doe@contoso.example', 'group');
    expect(upn).not.toBe(mail);
    expect(upn.toLowerCase()).toBe(mail.toLowerCase());
    expect(mail.charAt(0)).toBe(mail.charAt(0).toUpperCase());
    expect(names.address('J.DOE@CONTOSO.EXAMPLE', 'user')).toBe(mail.toUpperCase());
  });

  it('maps the domain of an address as the verified domain name', () => {
    const names = createPseudonyms('salt');
    const domainOf = names.domainName('Contoso.example');
    expect(names.address('someone@contoso.example', 'user').split('@')[1]).toBe(domainOf.toLowerCase());
    expect(domainOf).toMatch(/^D[0-9a-z]{7}\.example$/);
  });

  it('keeps what the rules see and which addresses are equal ignoring case (property)', () => {
    fc.assert(
      fc.property(fc.array(addressArb, { maxLength: 30 }), fc.string(), (addresses, salt) => {
        const names = createPseudonyms(salt);
        const out = addresses.map((address, i) => names.address(address, i % 2 ? 'user' : 'contact'));
        addresses.forEach((address, i) => {
          expect(ruleView(out[i] as string)).toEqual(ruleView(address));
          addresses.forEach((other, j) => {
            const same = address.trim().toLowerCase() === other.trim().toLowerCase();
            expect((out[i] as string).trim().toLowerCase() === (out[j] as string).trim().toLowerCase()).toBe(
              same,
            );
          });
        });
      }),
    );
  });

  it('is deterministic and depends on the salt', () => {
    const run = (salt: string) =>
      ['a@b.example', 'c@d.example'].map((a) => createPseudonyms(salt).address(a, 'user'));
    expect(run('one')).toEqual(run('one'));
    expect(run('one')).not.toEqual(run('two'));
  });
});

describe('createPseudonyms: names and rules', () => {
  it('maps the same name to the same stand-in and different names apart', () => {
    const names = createPseudonyms('salt');
    const a = names.text('John Doe', 'person');
    expect(names.text('John Doe', 'given')).toBe(a);
    expect(names.text(' John Doe ', 'person')).toBe(` ${a} `);
    expect(names.text('john doe', 'person')).not.toBe(a);
    expect(a).toMatch(/^Person [0-9a-z]{7}$/);
  });

  it.each([
    { description: 'empty stays empty', input: '', expected: /^$/ },
    { description: 'blank stays blank', input: ' \t', expected: /^ \t$/ },
    { description: 'a formula start stays', input: '=SUM(1)', expected: /^=Person [0-9a-z]{7}$/ },
    { description: 'a lone formula character stays', input: '-', expected: /^-$/ },
    {
      description: 'an address as a name maps as that address',
      input: 'guest@partner.example',
      expected: /^mail/,
    },
  ])('$description', ({ input, expected }) => {
    expect(createPseudonyms('salt').text(input, 'person')).toMatch(expected);
  });

  it('replaces the literals of a membership rule and keeps its syntax', () => {
    const names = createPseudonyms('salt');
    const rule = names.rule('(user.department -eq "Sales") or (user.mail -eq "boss@contoso.example")');
    expect(rule).toMatch(
      /^\(user\.department -eq "Value [0-9a-z]{7}"\) or \(user\.mail -eq "mail[0-9a-z]{7}@d/,
    );
    expect(rule).not.toMatch(/Sales|boss|contoso/);
  });
});

describe('createCoder', () => {
  it('never gives two numbers the same code', () => {
    const code = createCoder('salt');
    const codes = new Set(Array.from({ length: 100_000 }, (_, n) => code(n)));
    expect(codes.size).toBe(100_000);
  });
});
