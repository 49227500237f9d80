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
 * A PDF of about 1 MiB whose one page's content stream inflates to `mebibytes` MiB of spaces: the "zip bomb" a
 * reader must survive without its memory or the service's event loop going with it.
 */
export async function inflatingPdf(mebibytes: number): Promise<Uint8Array> {
  const stream = deflatedSpaces(mebibytes)
  const parts: Buffer[] = []
  let length = 0
  const add = (p: string | Buffer) => {
    const b = typeof p === 'string' ? Buffer.from(p, 'latin1') : p
    parts.push(b)
    length += b.length
  }
  const offsets: number[] = []
  add('%PDF-1.4\n')
  for (const body of [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ]) {
    offsets.push(length)
    add(`${offsets.length} 0 obj\n${body}\nendobj\n`)
  }
  offsets.push(length)
  add(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`)
  add(stream)
  add('\nendstream\nendobj\n')
  const xref = length
  add(`xref\n0 5\n0000000000 65535 f \n${offsets.map(o => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`)
  add(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
  return new Uint8Array(Buffer.concat(parts))
}

/**
 * A zlib stream of `mebibytes` MiB of spaces, made by compressing one MiB: compressed after a full flush (which
 * forgets all that went before), a MiB comes out as the same bytes each time. So the stream is the first MiB with
 * the stream's header, the same block again for each of the rest, an empty final block and the checksum of the
 * whole (Adler-32, worked out for so many spaces), as deflating them all would make it, in a thousandth of the time.
 */
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
