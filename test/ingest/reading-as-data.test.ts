import { describe, expect, it } from 'vitest'
import { escapeRegExp } from '../../src/lib/regexp.js'
import { frameworkFiles, sourcesOf } from '../support/frameworks.js'

// Code only: comments may quote what documents print, as examples.
const sources = sourcesOf('ingest').map(({ name, text }) => ({
  name,
  text: text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\s\/\/ .*$/gm, ''),
}))

function strings(x: unknown): string[] {
  if (typeof x === 'string') return [x]
  if (Array.isArray(x)) return x.flatMap(strings)
  if (x && typeof x === 'object') return Object.values(x).flatMap(strings)
  return []
}

describe('reading is data', () => {
  it('src/ingest names no framework and holds none of the phrases the frameworks declare they print', () => {
    const ids = frameworkFiles.map(f => String(f.id))
    // The patterns and labels of how each framework's documents are recognised and read, and the words between
    // their placeholders and regular-expression syntax.
    const declared = [
      ...new Set(
        frameworkFiles
          .flatMap(f => strings([f.recognition, f.reading]))
          .flatMap(s => [s, ...s.split(/\{[^{}]*\}|\\[a-z]|[()[\]|?*+^$]/).map(x => x.trim())]),
      ),
    ].filter(s => s.length > 12 && /[a-z] [a-z]/i.test(s))
    expect(declared.length).toBeGreaterThan(50)
    const within = (text: string, s: string) => new RegExp(`(?<![\\w-])${escapeRegExp(s)}(?![\\w-])`, 'i').test(text)
    const found = sources.flatMap(({ name, text }) =>
      [...ids.filter(id => within(text, id)), ...declared.filter(s => within(text, s))].map(
        s => `${name}: ${JSON.stringify(s)}`,
      ),
    )
    expect(found).toEqual([])
  })
})
