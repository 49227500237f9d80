import type { Kysely, Selectable } from 'kysely'
import { type Authority, AuthoritySchema } from '../domain/index.js'
import type { AuthoritiesTable, Database } from './schema.js'

function toAuthority(row: Selectable<AuthoritiesTable>): Authority {
  return AuthoritySchema.parse({
    code: row.code,
    laCode: row.la_code,
    name: row.name,
    aliases: row.aliases,
    type: row.type,
    region: row.region,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  })
}

export class AuthorityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds reference authorities the store lacks; never overwrites an authority already stored. */
  async addMissing(authorities: readonly Authority[]): Promise<number> {
    if (authorities.length === 0) return 0
    const result = await this.db
      .insertInto('authorities')
      .values(authorities.map(a => this.row(a)))
      .onConflict(oc => oc.column('code').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0)
  }

  async put(a: Authority): Promise<void> {
    const row = this.row(a)
    await this.db
      .insertInto('authorities')
      .values(row)
      .onConflict(oc => oc.column('code').doUpdateSet(row))
      .execute()
  }

  private row(a: Authority) {
    return {
      code: a.code,
      la_code: a.laCode,
      name: a.name,
      aliases: JSON.stringify(a.aliases),
      type: a.type,
      region: a.region,
      valid_from: a.validFrom,
      valid_to: a.validTo,
    }
  }

  async list(): Promise<Authority[]> {
    const rows = await this.db.selectFrom('authorities').selectAll().orderBy('code').execute()
    return rows.map(toAuthority)
  }

  async get(code: string): Promise<Authority | undefined> {
    const row = await this.db.selectFrom('authorities').selectAll().where('code', '=', code).executeTakeFirst()
    return row ? toAuthority(row) : undefined
  }

  async setAliases(code: string, aliases: readonly string[]): Promise<void> {
    await this.db
      .updateTable('authorities')
      .set({ aliases: JSON.stringify(aliases) })
      .where('code', '=', code)
      .execute()
  }

  /** Replaces the neighbour lists of the authorities named, in the order given. */
  async replaceNeighbours(lists: ReadonlyMap<string, readonly string[]>): Promise<void> {
    const codes = [...lists.keys()]
    if (codes.length === 0) return
    await this.db.deleteFrom('statistical_neighbours').where('authority_code', 'in', codes).execute()
    const rows = [...lists].flatMap(([authority_code, neighbours]) =>
      neighbours.map((neighbour_code, i) => ({ authority_code, position: i + 1, neighbour_code })),
    )
    if (rows.length > 0) await this.db.insertInto('statistical_neighbours').values(rows).execute()
  }

  async neighbours(code: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('statistical_neighbours')
      .select('neighbour_code')
      .where('authority_code', '=', code)
      .orderBy('position')
      .execute()
    return rows.map(r => r.neighbour_code)
  }

  async allNeighbours(): Promise<{ authority: string; neighbours: string[] }[]> {
    const rows = await this.db
      .selectFrom('statistical_neighbours')
      .selectAll()
      .orderBy('authority_code')
      .orderBy('position')
      .execute()
    const lists = new Map<string, string[]>()
    for (const r of rows) lists.set(r.authority_code, [...(lists.get(r.authority_code) ?? []), r.neighbour_code])
    return [...lists].map(([authority, neighbours]) => ({ authority, neighbours }))
  }
}
