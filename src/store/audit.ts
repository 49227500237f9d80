import { type Kysely, type Selectable, sql } from 'kysely'
import { z } from 'zod'
import type { Actor } from '../domain/index.js'
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
  }
}

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
    await this.db
      .insertInto('audit_log')
      .values(toRow({ ...event, at: at.toISOString(), actor: actor.id, actorRole: actor.role }))
      .execute()
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
      .values(entries.map(e => ({ id: String(e.id), ...toRow(e) })))
      .execute()
    await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), (select max(id) from audit_log))`.execute(
      this.db,
    )
  }
}
