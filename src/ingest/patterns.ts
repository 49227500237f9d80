import { oncePerString } from '../lib/memo.js'

/** A framework's pattern (data), compiled once however many lines it is tried on. */
export const pattern = oncePerString(p => new RegExp(p))

/** The same, compiled to find every match in a text (`matchAll`). */
export const patternEverywhere = oncePerString(p => new RegExp(p, 'g'))

export function patterns(list: readonly string[]): RegExp[] {
  return list.map(pattern)
}
