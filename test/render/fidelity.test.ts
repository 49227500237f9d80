import { describe, expect, it } from 'vitest'
import { extract } from '../../src/ingest/extract.js'
import { readDocument } from '../../src/ingest/read.js'
import { fidelity } from '../../src/render/fidelity.js'
import { renderText } from '../../src/render/render.js'
import { INDEX } from '../ingest/support.js'
import { SEEDS_PRESENT, seed, seedNames } from '../support/seeds.js'
import { assessmentOf } from './support.js'

describe('the word-level measure of fidelity', () => {
  const source = 'The first paragraph of the report.\n\nThe second paragraph, which says more.\n\nThe third.'
  it('finds nothing lost or added in the same words laid out differently', () => {
    const f = fidelity(
      source,
      '# The first paragraph of the report.\nThe second paragraph, which says more. The third.',
    )
    expect([f.keptRatio, f.addedRatio]).toEqual([1, 0])
  })
  it('counts a paragraph dropped, one written in its place, and one moved', () => {
    const dropped = fidelity(source, 'The first paragraph of the report.\n\nThe third.')
    expect(dropped.kept).toBe(dropped.sourceWords - 6)
    const replaced = fidelity(source, 'The first paragraph of the report.\n\nA sentence of our own.\n\nThe third.')
    expect(replaced.added).toBe(5)
    const moved = fidelity(
      source,
      'The third.\n\nThe first paragraph of the report.\n\nThe second paragraph, which says more.',
    )
    expect(moved.keptRatio).toBeLessThan(1)
  })
  it('sets aside only the words it is told a structure adds', () => {
    const f = fidelity(source, `DRAFT – NOT FOR PUBLICATION\n\n${source}`, ['DRAFT – NOT FOR PUBLICATION'])
    expect(f.added).toBe(0)
    expect(fidelity(source, `DRAFT – NOT FOR PUBLICATION\n\n${source}`).added).toBe(4)
  })
})

describe.runIf(SEEDS_PRESENT)('the seeds, read and rendered again', () => {
  it('keep every word in order and gain none: the renderer prints what the document printed', async () => {
    const lines: string[] = []
    for (const name of seedNames()) {
      const r = await readDocument(name, seed(name.slice(0, 3)))
      if (!r.ok) throw new Error(r.error)
      const e = extract(r.text, r.hash, INDEX)
      if (!e.framework || !e.authority) throw new Error(`${name} not read`)
      const draft = { ...assessmentOf(e), content: e.content, status: 'draft' as const }
      const f = fidelity(r.text, renderText(draft, e.framework, e.authority.name), ['DRAFT – NOT FOR PUBLICATION'])
      lines.push(
        `  ${e.framework.id}: ${(f.keptRatio * 100).toFixed(2)}% of ${f.sourceWords} words kept, ${f.added} added`,
      )
      expect(f.keptRatio).toBeGreaterThanOrEqual(0.995)
      expect(f.addedRatio).toBeLessThanOrEqual(0.005)
    }
    console.log(`Fidelity of the rendered seeds (the draft mark set aside):\n${lines.join('\n')}`)
    expect(lines).toHaveLength(5)
  })
})
