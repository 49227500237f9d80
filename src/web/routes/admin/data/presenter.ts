import type { DataImport } from '../../../../app/data-import.js'

/** What an import did, in words: nothing (its bad rows), or how many rows it imported, skipped and replaced. */
export function importSummary(r: DataImport): string {
  return r.errors.length && !r.skipped
    ? `Nothing was imported: ${r.errors.length} of the ${r.rows} rows are bad.`
    : `${r.dryRun ? 'The file is good: it would import' : 'Imported'} ${r.imported} of ${r.rows} rows${r.skipped ? `, skipping ${r.skipped} bad ones` : ''}${r.replaced ? `, replacing ${r.replaced} held before` : ''}.`
}
