import { z } from 'zod'
import { AUTHORITY_ROWS, EXTRA_ALIASES, REGIONS } from './data/authorities.js'

export const AUTHORITY_TYPES = ['county', 'unitary authority', 'metropolitan district', 'London borough'] as const
export type AuthorityType = (typeof AUTHORITY_TYPES)[number]

export const AuthoritySchema = z.strictObject({
  code: z.string().regex(/^E\d{8}$/),
  laCode: z.string().regex(/^\d{3}$/),
  name: z.string().min(1),
  /** Names as printed in reports ("Royal Borough of Kensington and Chelsea", "Kent County Council"). */
  aliases: z.array(z.string().min(1)),
  type: z.enum(AUTHORITY_TYPES),
  region: z.string().min(1),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
})
export type Authority = z.infer<typeof AuthoritySchema>

const TYPE_BY_PREFIX: Record<string, AuthorityType> = {
  E06: 'unitary authority',
  E08: 'metropolitan district',
  E09: 'London borough',
  E10: 'county',
}

export const AUTHORITIES: readonly Authority[] = AUTHORITY_ROWS.map(([code, laCode, name, region, from, to]) =>
  AuthoritySchema.parse({
    code,
    laCode,
    name,
    aliases: [...(EXTRA_ALIASES[code] ?? [])],
    type: TYPE_BY_PREFIX[code.slice(0, 3)],
    region: REGIONS[region],
    validFrom: from ?? null,
    validTo: to ?? null,
  }),
)

/** Lower case, one spelling of "and", apostrophes and punctuation folded, "the" dropped. */
function fold(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/\bst\./g, 'st')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/'/g, '')
    .replace(/\bthe\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

const COUNCIL_WORDS =
  /\b(?:royal borough of|london borough of|metropolitan borough of|borough of|city and county of|county of|city of|metropolitan borough council|metropolitan district council|county borough council|borough council|county council|city council|district council|council)\b/g

/** The name without the council's style: "Royal Borough of Kingston upon Thames" → "kingston upon thames". */
export function coreName(name: string): string {
  return fold(name).replace(COUNCIL_WORDS, ' ').replace(/\s+/g, ' ').trim()
}

function existedOn(a: Authority, date: string | undefined): boolean {
  if (!date) return true
  return (a.validFrom === null || a.validFrom <= date) && (a.validTo === null || date <= a.validTo)
}

/** Finds authorities by any name a report may print, preferring those that existed on the report's date. */
export class AuthorityIndex {
  private readonly byName = new Map<string, Authority[]>()

  constructor(readonly authorities: readonly Authority[]) {
    for (const a of authorities)
      for (const n of [a.name, ...a.aliases])
        for (const key of new Set([fold(n), coreName(n)])) {
          const list = this.byName.get(key) ?? []
          if (!list.includes(a)) list.push(a)
          this.byName.set(key, list)
        }
  }

  /** Every authority the name could mean (on the date, if given); more than one means the name is ambiguous. */
  candidates(name: string, onDate?: string): Authority[] {
    const found = this.byName.get(fold(name)) ?? this.byName.get(coreName(name)) ?? []
    return found.filter(a => existedOn(a, onDate))
  }

  /** The one authority the name means, or undefined when it matches none or several. */
  match(name: string, onDate?: string): Authority | undefined {
    const c = this.candidates(name, onDate)
    return c.length === 1 ? c[0] : undefined
  }

  byCode(code: string): Authority | undefined {
    return this.authorities.find(a => a.code === code)
  }
}
