import { createHash } from 'node:crypto'
import { type Kysely, type Selectable, sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../domain/index.js'
import { canonicalJson } from '../lib/canonical.js'
import type { AuditLogTable, Database } from './schema.js'

export const AuditEntrySchema = z.strictObject({
  id: z.int().min(1),
  at: z.string().datetime({ offset: true }),
  actor: z.string().min(1),
  actorRole: z.string().min(1),
  action: z.string().min(1),
  entity: z.string().min(1),
  entityId: z.string().min(1),
  before: z.unknown(),
  after: z.unknown(),
  /** The chain: the hash of the entry before, and this one's (null for entries written before the chain began). */
  prevHash: z.string().nullable().optional(),
  hash: z.string().nullable().optional(),
})
export type AuditEntry = z.infer<typeof AuditEntrySchema>

export interface AuditEvent {
  action: string
  entity: string
  entityId: string
  before: unknown
  after: unknown
}

function toEntry(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: r.actor,
    actorRole: r.actor_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    prevHash: r.prev_hash,
    hash: r.hash,
  }
}

/** An entry's hash: of the one before it and of everything it records, written canonically. */
export function entryHash(prevHash: string | null, e: Omit<AuditEntry, 'id'>): string {
  const fields = [
    prevHash,
    e.at,
    e.actor,
    e.actorRole,
    e.action,
    e.entity,
    e.entityId,
    e.before ?? null,
    e.after ?? null,
  ]
  return createHash('sha256').update(canonicalJson(fields)).digest('hex')
}

/** Appends take this lock, held to the end of their transaction, so that the chain never forks. */
const CHAIN_LOCK = 727_274

function toRow(e: Omit<AuditEntry, 'id'>) {
  return {
    at: e.at,
    actor: e.actor,
    actor_role: e.actorRole,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    before: JSON.stringify(e.before ?? null),
    after: JSON.stringify(e.after ?? null),
  }
}

/** The append-only record of who changed what, when, with the values before and after. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(actor: Actor, at: Date, event: AuditEvent): Promise<void> {
    await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(this.db)
    const last = await this.db
      .selectFrom('audit_log')
      .select('hash')
      .where('hash', 'is not', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    const prevHash = last?.hash ?? null
    // The values as they will read back (JSON columns keep no key order), so that verifying recomputes the same.
    const entry = JSON.parse(
      JSON.stringify({ ...event, at: at.toISOString(), actor: actor.id, actorRole: actor.role }),
    ) as Omit<AuditEntry, 'id'>
    await this.db
      .insertInto('audit_log')
      .values({ ...toRow(entry), prev_hash: prevHash, hash: entryHash(prevHash, entry) })
      .execute()
  }

  /**
   * Walks the chain in order and returns the first entry whose hash does not match what it records and the hash
   * before it, or that breaks the chain: the place where the log was changed behind its triggers.
   */
  async verify(): Promise<{ entries: number; chained: number; firstBad: { id: number; reason: string } | null }> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('id').execute()
    let prev: string | null = null
    let chained = 0
    for (const r of rows) {
      const e = toEntry(r)
      if (r.hash === null) {
        if (chained > 0) return { entries: rows.length, chained, firstBad: { id: e.id, reason: 'it has no hash' } }
        continue
      }
      if (r.prev_hash !== prev)
        return {
          entries: rows.length,
          chained,
          firstBad: { id: e.id, reason: 'it does not follow the entry before it (one was removed or inserted)' },
        }
      const { id: _id, ...recorded } = e
      if (entryHash(prev, recorded) !== r.hash)
        return {
          entries: rows.length,
          chained,
          firstBad: { id: e.id, reason: 'what it records was changed after it was written' },
        }
      prev = r.hash
      chained++
    }
    return { entries: rows.length, chained, firstBad: null }
  }

  /** The id of the newest entry ('0' when there is none): it names the state of the store, since every change writes one. */
  async latestId(): Promise<string> {
    const row = await this.db
      .selectFrom('audit_log')
      .select(eb => eb.fn.max('id').as('id'))
      .executeTakeFirst()
    return String(row?.id ?? '0')
  }

  async forEntity(entity: string, entityId: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', entity)
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute()
    return rows.map(toEntry)
  }

  /** Every entry about an assessment: the assessment itself, its judgements and its recommendations. */
  async forAssessment(id: string): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where(eb => eb.or([eb('entity_id', '=', id), eb('entity_id', 'like', `${id}/%`)]))
      .orderBy('id')
      .execute()
    return rows.map(toEntry)
  }

  async all(): Promise<AuditEntry[]> {
    return (await this.db.selectFrom('audit_log').selectAll().orderBy('id').execute()).map(toEntry)
  }

  /** Restores entries exactly as exported, ids included, then moves the id sequence past them. */
  async restore(entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return
    await this.db
      .insertInto('audit_log')
      .values(
        entries.map(e => ({ id: String(e.id), ...toRow(e), prev_hash: e.prevHash ?? null, hash: e.hash ?? null })),
      )
      .execute()
    await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), (select max(id) from audit_log))`.execute(
      this.db,
    )
  }
}
