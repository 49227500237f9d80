import type { Actor, Authority } from '../domain/index.js'
import { ValidationError } from '../domain/index.js'
import { parseCsv } from '../lib/csv.js'
import type { Context } from './assessments.js'

export const NEIGHBOURS_PER_AUTHORITY = 10

export interface NeighbourImport {
  /** Authorities whose neighbour lists were replaced. */
  imported: number
  /** Rows that listed no neighbours (authorities that no longer exist, for instance). */
  empty: string[]
  /** Codes resolved another way, said so that nothing is silently reinterpreted. */
  notes: string[]
  /** Rows refused, with the line and the reason; any of them stops the import unless bad rows are skipped. */
  errors: string[]
}

const splitList = (v: string | undefined) =>
  (v ?? '')
    .split(/[,;|]/)
    .map(s => s.trim())
    .filter(s => s !== '')

/**
 * Reads statistical neighbours from a CSV of the shape of the DfE lookup: a column `la_code_new` (the authority's
 * GSS code) and `stat_neighbours_la_code` (its ten neighbours' GSS codes, in order, comma separated). Where a
 * neighbour's GSS code is not one the store knows (a code since replaced), the old LA code in the same position of
 * `stat_neighbours`, if present, identifies it. Nothing is stored if any row is bad, unless skipBadRows.
 */
export async function importNeighbours(
  ctx: Context,
  actor: Actor,
  csvText: string,
  options: { skipBadRows?: boolean; dryRun?: boolean } = {},
): Promise<NeighbourImport> {
  let parsed: ReturnType<typeof parseCsv>
  try {
    parsed = parseCsv(csvText)
  } catch (e) {
    throw new ValidationError(`The neighbours file is not valid CSV: ${(e as Error).message}`)
  }
  for (const column of ['la_code_new', 'stat_neighbours_la_code'])
    if (!parsed.header.includes(column))
      throw new ValidationError(
        `The neighbours file has no column "${column}" (columns found: ${parsed.header.join(', ') || 'none'})`,
      )
  const authorities = await ctx.store.authorities.list()
  const byCode = new Map(authorities.map(a => [a.code, a]))
  const currentByLaCode = (la: string) => authorities.filter(a => a.laCode === la && a.validTo === null)
  const result: NeighbourImport = { imported: 0, empty: [], notes: [], errors: [] }
  const lists = new Map<string, string[]>()

  for (const { line, values } of parsed.records) {
    const code = values.la_code_new?.trim() ?? ''
    const authority = byCode.get(code)
    if (!authority) {
      result.errors.push(`line ${line}: unknown authority GSS code "${code}"`)
      continue
    }
    const codes = splitList(values.stat_neighbours_la_code)
    const oldCodes = splitList(values.stat_neighbours)
    if (codes.length === 0) {
      result.empty.push(`${authority.name} (${code})`)
      continue
    }
    const problems: string[] = []
    const neighbours = codes.map((c, i) => {
      if (byCode.has(c)) return c
      const viaOld: Authority[] = oldCodes[i] ? currentByLaCode(oldCodes[i]) : []
      const [only] = viaOld
      if (only && viaOld.length === 1) {
        result.notes.push(
          `line ${line}: neighbour ${c} of ${authority.name} is not a current GSS code; LA code ${oldCodes[i]} in the same position identifies ${only.name} (${only.code})`,
        )
        return only.code
      }
      problems.push(`unknown neighbour code "${c}"`)
      return c
    })
    if (neighbours.length !== NEIGHBOURS_PER_AUTHORITY)
      problems.push(`${neighbours.length} neighbours listed, ${NEIGHBOURS_PER_AUTHORITY} expected`)
    if (new Set(neighbours).size !== neighbours.length) problems.push('a neighbour is listed twice')
    if (neighbours.includes(code)) problems.push('the authority is listed as its own neighbour')
    if (lists.has(code)) problems.push('the authority appears on an earlier line too')
    if (problems.length > 0) result.errors.push(`line ${line} (${authority.name}): ${problems.join('; ')}`)
    else lists.set(code, neighbours)
  }

  if (result.errors.length > 0 && !options.skipBadRows)
    throw new ValidationError(
      `The neighbours file has ${result.errors.length} bad row(s); nothing was imported. Fix them, or skip bad rows.`,
      result.errors,
    )
  result.imported = lists.size
  if (options.dryRun || lists.size === 0) return result
  await ctx.store.transaction(async tx => {
    const before = Object.fromEntries((await tx.authorities.allNeighbours()).map(n => [n.authority, n.neighbours]))
    await tx.authorities.replaceNeighbours(lists)
    await tx.audit.append(actor, ctx.now(), {
      action: 'neighbours.import',
      entity: 'statistical-neighbours',
      entityId: 'all',
      before: Object.fromEntries([...lists.keys()].map(k => [k, before[k] ?? null])),
      after: Object.fromEntries(lists),
    })
  })
  return result
}
