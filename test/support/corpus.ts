import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { deserialize } from 'node:v8'
import { inject } from 'vitest'
import { AUTHORITIES, type Authority, AuthorityIndex, getFramework } from '../../src/domain/index.js'
import type { Extraction } from '../../src/ingest/extract.js'
import { PdfPool } from '../../src/ingest/pdf-pool.js'
import { extractRead, type Reading } from '../../src/ingest/reading.js'
import { type CorpusReading, readCorpus } from './corpus-setup.js'

export { CORPUS_REPORTS, type CorpusReading } from './corpus-setup.js'

const index = new AuthorityIndex(AUTHORITIES)

/** An extraction that crossed from a thread, with its framework and the index's own authority again. */
function local(e: Extraction | null): Extraction | null {
  if (!e) return null
  const framework = e.detection.kind === 'supported' ? getFramework(e.detection.frameworkId) : null
  return { ...e, framework, authority: e.authority ? (index.byCode(e.authority.code) ?? e.authority) : null }
}

let readings: Promise<Map<string, CorpusReading>> | undefined

/**
 * Every report of the corpus as read in this run, by file name: read once for the run by the corpus project's global
 * setup (test/support/corpus-setup.ts), or, in a run without it, here on every core.
 */
export function corpusReadings(): Promise<Map<string, CorpusReading>> {
  readings ??= (async () => {
    const file = inject('corpusReadings')
    const all: CorpusReading[] = file ? deserialize(readFileSync(file)) : await readCorpus()
    return new Map(all.map(r => [r.name, { ...r, extraction: local(r.extraction), named: local(r.named) }]))
  })()
  return readings
}

/**
 * The PDF pool, but a corpus report already read in this run is not read again: its reading is the one the corpus
 * threads made, by the same code as the pool's workers (the text read, extracted, the file name's publication date
 * taken). Any other file, or other bytes under a corpus name, go to the pool's workers.
 */
export class CorpusPool extends PdfPool {
  private readonly sameList = new WeakMap<readonly Authority[], boolean>()

  constructor(private readonly known: Map<string, CorpusReading>) {
    super()
  }

  override async document(name: string, bytes: Uint8Array, authorities: readonly Authority[]): Promise<Reading> {
    const r = this.known.get(name)
    const hash = r?.read.ok ? r.read.hash : undefined
    if (!r?.read.ok || !hash || sha256(bytes) !== hash) return super.document(name, bytes, authorities)
    let same = this.sameList.get(authorities)
    if (same === undefined) {
      same = JSON.stringify(authorities) === JSON.stringify(AUTHORITIES)
      this.sameList.set(authorities, same)
    }
    // Extracted against the reference list of authorities; against another list it is extracted again from the text.
    // A copy: what the batch does with it leaves the run's readings as they were.
    if (same && r.named) return structuredClone({ read: r.read, extraction: { ...r.named, framework: null } })
    const again = extractRead(name, r.read, new AuthorityIndex(authorities))
    return again.extraction ? { ...again, extraction: { ...again.extraction, framework: null } } : again
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
