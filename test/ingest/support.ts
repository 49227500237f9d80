import { createHash } from 'node:crypto'
import { afterAll } from 'vitest'
import { AUTHORITIES, AuthorityIndex } from '../../src/domain/index.js'
import { type Extraction, extract } from '../../src/ingest/extract.js'
import { PdfPool } from '../../src/ingest/pdf-pool.js'
import { escapeRegExp } from '../../src/lib/regexp.js'

export const INDEX = new AuthorityIndex(AUTHORITIES)

export function read(text: string): Extraction {
  return extract(text, createHash('sha256').update(text).digest('hex'), INDEX)
}

/** Area id → grade, for the areas that have one. */
export function grades(e: Extraction): Record<string, number | null> {
  return Object.fromEntries(e.judgements.map(j => [j.areaId, j.grade]))
}

/** Every grade reported must be printed where its source says: the spans hold the grade's number or its words. */
export function gradesNotInText(e: Extraction, text: string): string[] {
  const problems: string[] = []
  for (const j of e.judgements) {
    if (j.grade === null) continue
    if (!j.source || j.source.kind !== 'ingested') {
      problems.push(`${j.areaId}: no source`)
      continue
    }
    const printed = text.slice(j.source.start, j.source.end).toLowerCase()
    const words = e.framework?.scale.points.find(p => p.value === j.grade)?.words ?? []
    // A table cell a PDF wrapped around its row's label still prints its words in order ("Requires … improvement").
    const inOrder = (phrase: string) =>
      new RegExp(`\\b${phrase.split(' ').map(escapeRegExp).join('\\b[\\s\\S]*?\\b')}\\b`).test(printed)
    if (!printed.includes(String(j.grade)) && !words.some(inOrder))
      problems.push(`${j.areaId}: grade ${j.grade} but its source reads "${printed}"`)
  }
  return problems
}

/** Makes worker pools for a test file, each closed once its tests are done. */
export function poolsClosedAfterAll(): (...args: ConstructorParameters<typeof PdfPool>) => PdfPool {
  const pools: PdfPool[] = []
  afterAll(async () => Promise.all(pools.map(p => p.close())))
  return (...args) => {
    const p = new PdfPool(...args)
    pools.push(p)
    return p
  }
}
