// The two CSVs of a preview, as the command line and the worker write them: the upload file in
// walk order with Segments named by the selected groups (a group without a name by its id), and
// the exclusions with reason and path.
import { describe, expect, it } from 'vitest';
import { computePreview } from '../../../src/core/preview.ts';
import { exclusionsCsvOf, uploadCsvOf } from '../../../src/export/preview-csv.ts';
import { groupRef, snapshotOf, user } from '../../support/snapshot-builder.ts';

const snapshot = snapshotOf({
  members: {
    g1: [user('a'), user('b', { accountEnabled: false }), groupRef('g2')],
    g2: [user('c'), user('a')],
  },
  selected: ['g1', 'g2'],
});
// g2 has no display name: Segments names it by its id.
for (const object of snapshot.objects) if (object.id === 'g2') object.displayName = null;
const preview = computePreview(snapshot);

describe('preview CSVs', () => {
  it('upload: recipients in walk order, Segments from the selected groups holding each', () => {
    const [plain] = uploadCsvOf(preview, { baseName: 'up', segments: false });
    expect(plain?.fileName).toBe('up.csv');
    expect(plain?.text).toBe('Name,Email\r\nUser a,a@contoso.example\r\nUser c,c@contoso.example\r\n');
    const [withSegments] = uploadCsvOf(preview, { baseName: 'up', segments: true });
    expect(withSegments?.text).toBe(
      'Name,Email,Segments\r\nUser a,a@contoso.example,Group g1; g2\r\nUser c,c@contoso.example,Group g1; g2\r\n',
    );
  });

  it('exclusions: each excluded object with its reason and the path that reached it', () => {
    const [part] = exclusionsCsvOf(preview, { baseName: 'ex' });
    expect(part?.fileName).toBe('ex.csv');
    expect(part?.text).toBe(
      'Name,Email,Id,Type,Reason,ReachedVia\r\nUser b,b@contoso.example,b,user,disabled,Group g1 > User b\r\n',
    );
  });
});
