import { describe, expect, it } from 'vitest'
import { defineFramework, FRAMEWORKS, type LayoutBlock } from '../../src/domain/index.js'
import { escapeRegExp } from '../../src/lib/regexp.js'
import { fill, Scope } from '../../src/render/template.js'
import { frameworkFiles, sourcesOf } from '../support/frameworks.js'

const sources = sourcesOf('render')

/** Every string a layout holds, except the names of its vocabulary (which blocks, whose people, which paragraphs). */
function strings(x: unknown, key = ''): string[] {
  if (typeof x === 'string') return ['block', 'of', 'only'].includes(key) ? [] : [x]
  if (Array.isArray(x)) return x.flatMap(v => strings(v, key))
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => strings(v, k))
  return []
}

describe('report layouts are data', () => {
  it('src/render names no framework and prints none of the wording the layouts hold', () => {
    const ids = frameworkFiles.map(f => String(f.id))
    expect(ids.length).toBeGreaterThan(8)
    // Each string, and each run of words between a template's placeholders ("contribution in this area.").
    const wording = [
      ...new Set(
        frameworkFiles
          .flatMap(f => strings(f.documentStructure))
          .flatMap(s => [s, ...s.split(/\{[^{}]*\}|[[\]]/).map(x => x.trim())]),
      ),
    ].filter(s => s.length > 12)
    expect(wording).toContain('Yours sincerely')
    // As a word of its own: "Recommendations" is wording, printRecommendations a name.
    const within = (text: string, s: string) => new RegExp(`(?<!\\w)${escapeRegExp(s)}(?!\\w)`).test(text)
    const found = sources.flatMap(({ name, text }) =>
      [...ids, ...wording].filter(s => within(text, s)).map(s => `${name}: ${JSON.stringify(s)}`),
    )
    expect(found).toEqual([])
  })

  it('a layout names only its own framework’s timescales and areas', () => {
    const problems: string[] = []
    for (const f of FRAMEWORKS) {
      const visit = (blocks: readonly LayoutBlock[]) => {
        for (const b of blocks) {
          visit(b.before ?? [])
          if ('blocks' in b) visit(b.blocks)
          if (b.block !== 'recommendations') continue
          for (const id of b.timescales ?? [])
            if (!f.timescales.some(t => t.id === id)) problems.push(`${f.id}: timescale ${id}`)
          for (const id of b.except ?? []) if (!f.areas.some(a => a.id === id)) problems.push(`${f.id}: area ${id}`)
          visit([...(b.eachTimescale ?? []), ...(b.eachArea ?? []), ...(b.eachItem ?? [])])
        }
      }
      visit(f.documentStructure.blocks)
    }
    expect(problems).toEqual([])
  })

  it('refuses a layout whose template is malformed', () => {
    const data = frameworkFiles.find(f => f.id === 'apa-2007') as { documentStructure: { blocks: unknown[] } }
    const unclosed = structuredClone(data)
    unclosed.documentStructure.blocks.push({ block: 'paragraph', text: 'Grade [{value}' })
    expect(() => defineFramework(unclosed)).toThrow(/Grade \[\{value\}.*an opening bracket is not closed/)
    const filter = structuredClone(data)
    filter.documentStructure.blocks.push({ block: 'heading', level: 2, text: '{label:shout}' })
    expect(() => defineFramework(filter)).toThrow(/unknown filter in \{label:shout\}/)
    const pattern = structuredClone(data)
    pattern.documentStructure.blocks.push({ block: 'forEachArea', areas: { role: '(' }, blocks: [] })
    expect(() => defineFramework(pattern)).toThrow(/not a regular expression/)
    expect(defineFramework(structuredClone(data)).id).toBe('apa-2007')
  })
})

describe('templates', () => {
  const scope = new Scope(
    { label: 'Staying safe', grade: 'Good', empty: '', title: undefined, text: 'a {label} [b]' },
    undefined,
    {
      article: [{ when: { grade: '^[aeiou]' }, text: 'an' }, 'a'],
      titled: ['{title}'],
      none: [{ when: { title: true }, text: 'x' }, ''],
    },
  )
  it('fills values and filters, and refuses a template whose value is missing', () => {
    expect(fill('{label}: {grade:lower}', scope)).toBe('Staying safe: good')
    expect(fill('{label:upper}', scope)).toBe('STAYING SAFE')
    expect(fill('{label} {title}', scope)).toBeUndefined()
    expect(fill('{empty}', scope)).toBeUndefined()
  })

  it('leaves out a bracketed part whose value is missing', () => {
    expect(fill('{label}[, {title}]', scope)).toBe('Staying safe')
    expect(fill('{label}[, {grade}]', scope)).toBe('Staying safe, Good')
  })

  it('inserts values as they are, never reading them as templates', () => {
    expect(fill('({text})', scope)).toBe('(a {label} [b])')
  })

  it('chooses a phrase by its conditions; a phrase with no alternative that fills has no value', () => {
    expect(fill('{article} {grade:lower}', scope)).toBe('a good')
    expect(fill('{article}', scope.child({ grade: 'adequate' }))).toBe('an')
    expect(fill('[{titled}]', scope)).toBe('')
    expect(fill('<{none}>', scope)).toBe('<>')
  })
})
