// Counted nouns (issue 15, item 9): "1 warning", "2 warnings", never "warning(s)" anywhere in the
// program's messages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plural } from '../../../src/core/plural.ts';

describe('plural', () => {
  it.each([
    { count: 0, expected: '0 warnings' },
    { count: 1, expected: '1 warning' },
    { count: 2, expected: '2 warnings' },
    { count: 1_240, expected: '1240 warnings' },
  ])('$count', ({ count, expected }) => {
    expect(plural(count, 'warning', 'warnings')).toBe(expected);
  });

  it('formats the number when asked', () => {
    expect(plural(1_240, 'member', 'members', (n) => n.toLocaleString('en-US'))).toBe('1,240 members');
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('messages', () => {
  it('no source writes a noun as "word(s)" in its text (http(s) aside)', () => {
    const root = new URL('../../../src', import.meta.url).pathname;
    const found = sources(root).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?<=[\s"'`])(?!http\(s\))[A-Za-z]+\(s\)/g)].map(
        (match) => `${file.slice(root.length)}: ${match[0]}`,
      ),
    );
    expect(found.filter((hit) => !hit.startsWith('/core/plural.ts'))).toEqual([]);
  });
});
