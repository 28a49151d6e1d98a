import { describe, expect, it } from 'vitest';
import { parseSnapshotText } from '../../../src/core/parse-snapshot.ts';

describe('parseSnapshotText (smoke)', () => {
  it('refuses an unknown version by name', () => {
    const result = parseSnapshotText('{"format":"dirsync-snapshot","version":2}');
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.path).toBe('$.version');
    expect(result.errors[0]?.message).toContain('version 1');
  });
});
