// Run by bench/corpus.ts in a process pinned to one core: the corpus extracted, then ingested, with one worker; the
// times as JSON on standard output.
import { corpusFiles, extractAll, ingestAll } from './corpus.js'

const corpus = corpusFiles()
if (!corpus) throw new Error('the corpus is absent')
const extraction = await extractAll(1, corpus.bytes)
const full = await ingestAll(1, corpus.names, corpus.bytes)
process.stdout.write(JSON.stringify({ extraction, full }))
