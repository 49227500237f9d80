import { describe, expect, it } from 'vitest'
import { AUTHORITIES, getFramework } from '../../src/domain/index.js'
import { htmlToText } from '../../src/ingest/read.js'
import { renderHtml, renderText } from '../../src/render/render.js'
import { read } from '../ingest/support.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { assessmentOf, structured } from './support.js'

const nameOf = (code: string) => AUTHORITIES.find(a => a.code === code)?.name ?? code

describe.runIf(SEEDS_PRESENT)('round trip on the seeds: ingest → render → ingest', () => {
  for (const prefix of ['000', '001', '002', '003', '004'])
    it(`seed ${prefix} gives identical structured data`, () => {
      const a = assessmentOf(read(seed(prefix).toString('utf8')))
      const f = getFramework(a.frameworkId)
      const text = renderText(a, f, nameOf(a.authorityCode))
      expect(structured(read(text))).toEqual(structured(a))
      const html = renderHtml(a, f, nameOf(a.authorityCode))
      expect(html).toMatch(/^<!doctype html>\n<html lang="en"/)
      expect(html).not.toMatch(/DRAFT/)
      expect(structured(read(htmlToText(html)))).toEqual(structured(a))
    })
})
