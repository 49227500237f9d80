import { DATA_KINDS, type DataKind } from '../../../../app/data-import.js'

/** The import form: the kind of data, a CSV file, and whether to skip bad rows or only check the file. */
export function dataForm(body: Record<string, string | string[]>, file: Express.Multer.File | undefined) {
  const kind = String(body.kind ?? '')
  const options = ([] as string[]).concat(body.options ?? [])
  const fields: Record<string, string> = {}
  if (!DATA_KINDS.includes(kind as DataKind)) fields.kind = 'Choose the kind of data'
  if (!file || file.size === 0) fields.file = file ? 'The selected file is empty' : 'Select a CSV file'
  return { kind: kind as DataKind, skipBadRows: options.includes('skip'), dryRun: options.includes('dry-run'), fields }
}
