// The two CSVs of a preview, written the same way by the command line and the worker: the upload
// file from the audience's recipients in walk order (Segments = the selected groups' names), and
// the exclusions file with each object's reason and path.

import type { Preview } from '../core/preview.ts';
import { audienceExclusions, audienceRecipients } from '../core/preview-rows.ts';
import { type CsvPart, writeExclusionsCsv, writeUploadCsv } from './csv.ts';

export function uploadCsvOf(preview: Preview, options: { baseName: string; segments: boolean }): CsvPart[] {
  const names = preview.groups.map((group) => group.displayName ?? group.id);
  const rows = audienceRecipients(preview, { segments: options.segments }).map((row) => ({
    name: row.name,
    email: row.email,
    segments: row.groups.map((position) => names[position] as string),
  }));
  return writeUploadCsv(rows, options);
}

export function exclusionsCsvOf(preview: Preview, options: { baseName: string }): CsvPart[] {
  const rows = audienceExclusions(preview).map((row) => ({ ...row, reachedVia: row.via }));
  return writeExclusionsCsv(rows, options);
}
