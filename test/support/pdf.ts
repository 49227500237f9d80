import { constants, deflateSync } from 'node:zlib'

/**
 * A plain PDF of text pages, written by hand (no browser): enough for pdf.js to read, so that tests can make PDFs
 * of any size. Each page prints its lines in Helvetica from the top.
 */
export function textPdf(pages: readonly (readonly string[])[]): Uint8Array {
  const objects: string[] = []
  const add = (body: string) => objects.push(body)
  add('<< /Type /Catalog /Pages 2 0 R >>')
  add('') // the page tree, filled in once the pages are numbered
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
  const kids: number[] = []
  for (const lines of pages) {
    const literal = (s: string) => s.replace(/[\\()]/g, c => `\\${c}`)
    const stream = `BT /F1 11 Tf 14 TL 72 770 Td ${lines.map(l => `(${literal(l)}) '`).join(' ')} ET`
    add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`)
    const content = objects.length
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R >>`,
    )
    kids.push(objects.length)
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map(k => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(out)
}

/**
 * A PDF whose one page's content streams (`streams` of them, one by default) each inflate to `mebibytes` MiB of
 * spaces: the "zip bomb" a reader must survive without its memory or the service's event loop going with it. With
 * `twice`, each stream is deflated twice over and its filter says so; `filter` spells the filter another way.
 */
export async function inflatingPdf(
  mebibytes: number,
  options: { streams?: number; twice?: boolean; filter?: string } = {},
): Promise<Uint8Array> {
  const once = deflatedSpaces(mebibytes)
  const stream = options.twice ? deflateSync(once) : once
  const filter = options.filter ?? (options.twice ? '[/FlateDecode /FlateDecode]' : '/FlateDecode')
  const count = options.streams ?? 1
  const parts: Buffer[] = []
  let length = 0
  const add = (p: string | Buffer) => {
    const b = typeof p === 'string' ? Buffer.from(p, 'latin1') : p
    parts.push(b)
    length += b.length
  }
  const offsets: number[] = []
  add('%PDF-1.4\n')
  const contents = Array.from({ length: count }, (_, i) => `${4 + i} 0 R`).join(' ')
  for (const body of [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [${contents}] >>`,
  ]) {
    offsets.push(length)
    add(`${offsets.length} 0 obj\n${body}\nendobj\n`)
  }
  for (let i = 0; i < count; i++) {
    offsets.push(length)
    add(`${offsets.length} 0 obj\n<< /Length ${stream.length} /Filter ${filter} >>\nstream\n`)
    add(stream)
    add('\nendstream\nendobj\n')
  }
  const xref = length
  const size = offsets.length + 1
  add(`xref\n0 ${size}\n0000000000 65535 f \n${offsets.map(o => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`)
  add(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  return new Uint8Array(Buffer.concat(parts))
}

function deflatedSpaces(mebibytes: number): Buffer {
  const first = deflateSync(Buffer.alloc(1 << 20, 0x20), { level: 9, finishFlush: constants.Z_FULL_FLUSH })
  const n = BigInt(mebibytes) << 20n
  const a = (1n + 0x20n * n) % 65521n
  const b = (n + (0x20n * n * (n + 1n)) / 2n) % 65521n
  const adler = Buffer.alloc(4)
  adler.writeUInt32BE(Number((b << 16n) | a))
  const block = first.subarray(2)
  return Buffer.concat([first, ...Array<Buffer>(mebibytes - 1).fill(block), Buffer.from([0x03, 0x00]), adler])
}
