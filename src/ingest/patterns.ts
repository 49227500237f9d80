import { oncePerString } from '../lib/memo.js'

/** A framework's pattern (data), compiled once however many lines it is tried on. */
export const pattern = oncePerString(p => new RegExp(p))

export function patterns(list: readonly string[]): RegExp[] {
  return list.map(pattern)
}
