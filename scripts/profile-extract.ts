// Times our own reading of the corpus's text, pdf.js left out: each PDF of ../shared/corpus/reports is read once
// (its text kept in /tmp/corpus-texts.json for the next run), then extract() is run over all the texts.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/profile-extract.ts [rounds] [dump.json]
// With a dump file, every extraction is written there as JSON, to compare a change's readings with before.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { AUTHORITIES, AuthorityIndex } from '../src/domain/index.js'
import { extract } from '../src/ingest/extract.js'
import { PdfPool } from '../src/ingest/pdf-pool.js'
import { readDocument } from '../src/ingest/read.js'

const REPORTS = new URL('../../shared/corpus/reports/', import.meta.url)
const TEXTS = '/tmp/corpus-texts.json'
const rounds = Number(process.argv[2] ?? 1)
const dump = process.argv[3]

type Texts = { name: string; text: string; hash: string }[]
async function readTexts(): Promise<Texts> {
  if (existsSync(TEXTS)) return JSON.parse(readFileSync(TEXTS, 'utf8')) as Texts
  const pool = new PdfPool(2)
  const names = readdirSync(REPORTS).sort()
  const reads = await Promise.all(
    names.map(async name => ({ name, read: await readDocument(name, readFileSync(new URL(name, REPORTS)), pool) })),
  )
  await pool.close()
  const texts = reads.flatMap(({ name, read }) => (read.ok ? [{ name, text: read.text, hash: read.hash }] : []))
  writeFileSync(TEXTS, JSON.stringify(texts))
  return texts
}

const texts = await readTexts()
const index = new AuthorityIndex(AUTHORITIES)
let out: unknown[] = []
const c0 = process.cpuUsage()
const t0 = performance.now()
for (let round = 0; round < rounds; round++) out = texts.map(t => extract(t.text, t.hash, index))
const used = process.cpuUsage(c0)
console.log(
  `${texts.length} texts × ${rounds}: ${((performance.now() - t0) / 1000).toFixed(2)} s, ` +
    `${((used.user + used.system) / 1e6 / rounds).toFixed(2)} CPU-s a round`,
)
if (dump)
  writeFileSync(
    dump,
    JSON.stringify(
      out.map((e, i) => ({ name: texts[i]?.name, e })),
      null,
      1,
    ),
  )
