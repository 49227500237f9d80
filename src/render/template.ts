import type { LayoutConditions } from '../domain/index.js'

type Value = string | undefined

/**
 * The values a template may print, each computed only when asked for, in a chain: an area's scope sees the
 * document's values too, and hides any of its parent's that it names (its label, its grade) even when it has none.
 */
export class Scope {
  private readonly cache = new Map<string, Value>()

  constructor(
    private readonly values: Record<string, Value | (() => Value)>,
    private readonly parent?: Scope,
    private readonly phrases: Record<string, Phrase> = parent?.phrases ?? {},
  ) {}

  child(values: Record<string, Value | (() => Value)>): Scope {
    return new Scope(values, this)
  }

  /** A value, else a phrase of that name chosen here; an empty string counts as no value. */
  get(key: string): Value {
    const own = this.lookup(key)
    if (own.found) return own.value
    const phrase = this.phrases[key]
    return phrase ? choose(phrase, this) : undefined
  }

  private lookup(key: string): { found: boolean; value?: Value } {
    if (Object.hasOwn(this.values, key)) {
      if (!this.cache.has(key)) {
        const v = this.values[key]
        const value = typeof v === 'function' ? v() : v
        this.cache.set(key, value === '' ? undefined : value)
      }
      return { found: true, value: this.cache.get(key) }
    }
    return this.parent ? this.parent.lookup(key) : { found: false }
  }
}

export type Phrase = (string | { when: LayoutConditions; text: string })[]

/** The first alternative whose conditions hold and whose values all exist ("" is an alternative too). */
function choose(phrase: Phrase, scope: Scope): Value {
  for (const alt of phrase) {
    const [when, text] = typeof alt === 'string' ? [{}, alt] : [alt.when, alt.text]
    if (!holds(when, scope)) continue
    const filled = fill(text, scope)
    if (filled !== undefined) return filled
  }
  return undefined
}

const patterns = new Map<string, RegExp>()
function pattern(source: string): RegExp {
  const known = patterns.get(source)
  if (known) return known
  const p = new RegExp(source, 'i')
  patterns.set(source, p)
  return p
}

/** true: the value exists; false: it does not; a pattern: it exists and matches, ignoring case. */
export function holds(conditions: LayoutConditions | undefined, scope: Scope): boolean {
  return Object.entries(conditions ?? {}).every(([key, test]) => {
    const v = scope.get(key)
    if (typeof test === 'boolean') return test === (v !== undefined)
    return v !== undefined && pattern(test).test(v)
  })
}

const FILTERS: Record<string, (v: string) => string> = {
  lower: v => v.toLowerCase(),
  upper: v => v.toUpperCase(),
  thousands: v => Number(v).toLocaleString('en-GB'),
}

const TOKEN = /\{([A-Za-z][\w.-]*)(?::(\w+))?\}|\[|\]/g

/**
 * A template with its values in place: undefined when a value outside brackets is missing; a bracketed part with a
 * missing value is left out. Values are inserted as they are, never read as templates themselves.
 */
export function fill(template: string, scope: Scope): Value {
  const out = ['']
  const missing = [false]
  let last = 0
  const top = () => out.length - 1
  for (const m of template.matchAll(TOKEN)) {
    out[top()] += template.slice(last, m.index)
    last = m.index + m[0].length
    if (m[0] === '[') {
      out.push('')
      missing.push(false)
    } else if (m[0] === ']') {
      const part = out.pop() ?? ''
      if (!missing.pop()) out[top()] += part
    } else {
      const v = scope.get(m[1] ?? '')
      if (v === undefined) missing[top()] = true
      else out[top()] += m[2] ? (FILTERS[m[2]]?.(v) ?? v) : v
    }
  }
  out[top()] += template.slice(last)
  return missing[0] ? undefined : out[0]
}
