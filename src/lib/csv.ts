/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a leading BOM) into rows of fields. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (quoted) throw new Error('The CSV ends inside a quoted field')
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows.filter(r => r.some(f => f.trim() !== ''))
}

/** Rows keyed by the header line; `line` is the row's line number in the file, for error messages. */
export function parseCsv(text: string): {
  header: string[]
  records: { line: number; values: Record<string, string> }[]
} {
  const [header = [], ...body] = parseCsvRows(text)
  return {
    header: header.map(h => h.trim()),
    records: body.map((r, i) => ({
      line: i + 2,
      values: Object.fromEntries(header.map((h, j) => [h.trim(), r[j] ?? ''])),
    })),
  }
}

/** RFC 4180 CSV: every cell quoted where it must be, CRLF line ends. Cells starting =+-@ are prefixed with ' so spreadsheets do not run them. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  const cell = (v: string | number | null) => {
    let s = v === null ? '' : String(v)
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  return `${rows.map(r => r.map(cell).join(',')).join('\r\n')}\r\n`
}
