import { getDocumentProxy } from 'unpdf'

interface Item {
  str: string
  x: number
  y: number
  width: number
  height: number
}

/**
 * The text of a PDF, laid out as lines: items on one baseline form a line, a wide gap between items becomes a tab
 * (a table column), a gap between lines taller than a line becomes a blank line (a new paragraph).
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes))
  const pages: string[] = []
  try {
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p)
      const content = await page.getTextContent()
      const items: Item[] = []
      for (const raw of content.items) {
        if (!('str' in raw) || raw.str === '') continue
        const [, , , d = 0, e = 0, f = 0] = raw.transform as number[]
        items.push({ str: raw.str, x: e, y: f, width: raw.width, height: Math.abs(raw.height || d) || 10 })
      }
      const lines: { y: number; height: number; items: Item[] }[] = []
      for (const item of items) {
        const line = lines.find(l => Math.abs(l.y - item.y) < Math.max(2, item.height * 0.4))
        if (line) line.items.push(item)
        else lines.push({ y: item.y, height: item.height, items: [item] })
      }
      lines.sort((a, b) => b.y - a.y)
      let out = ''
      let previous: (typeof lines)[number] | undefined
      for (const line of lines) {
        if (previous && previous.y - line.y > Math.max(previous.height, line.height) * 1.9) out += '\n'
        line.items.sort((a, b) => a.x - b.x)
        let text = ''
        let end: number | undefined
        for (const item of line.items) {
          if (end !== undefined) {
            const gap = item.x - end
            if (gap > item.height * 1.5) text += '\t'
            else if (gap > item.height * 0.15 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' '
          }
          text += item.str
          end = item.x + item.width
        }
        out += `${text.replace(/\s+$/, '')}\n`
        previous = line
      }
      pages.push(out)
      page.cleanup()
    }
  } finally {
    await pdf.destroy()
  }
  return pages.join('\n')
}
