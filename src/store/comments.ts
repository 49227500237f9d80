import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

export interface Comment {
  id: string
  assessmentId: string
  /** The report section the comment is on: a judgement area's id, or "general". */
  section: string
  text: string
  authorId: string
  authorName: string
  createdAt: string
}

/** Factual accuracy comments, and the files uploaded for review before they are ingested. */
export class CommentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(c: Comment): Promise<void> {
    await this.db
      .insertInto('comments')
      .values({
        id: c.id,
        assessment_id: c.assessmentId,
        section: c.section,
        text: c.text,
        author_id: c.authorId,
        author_name: c.authorName,
        created_at: c.createdAt,
      })
      .execute()
  }

  async forAssessment(assessmentId: string): Promise<Comment[]> {
    const rows = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(r => ({
      id: r.id,
      assessmentId: r.assessment_id,
      section: r.section,
      text: r.text,
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: r.created_at.toISOString(),
    }))
  }
}

export interface Upload {
  id: string
  userId: string
  fileName: string
  content: Uint8Array
  createdAt: string
}

export class UploadRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(u: Upload): Promise<void> {
    await this.db
      .insertInto('uploads')
      .values({ id: u.id, user_id: u.userId, file_name: u.fileName, content: u.content, created_at: u.createdAt })
      .execute()
  }

  /** An upload of the given user's; nobody else's uploads are visible to them. */
  async find(id: string, userId: string): Promise<Upload | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined
    const r = await this.db
      .selectFrom('uploads')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return r
      ? {
          id: r.id,
          userId: r.user_id,
          fileName: r.file_name,
          content: new Uint8Array(r.content),
          createdAt: r.created_at.toISOString(),
        }
      : undefined
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('uploads').where('id', '=', id).execute()
  }

  /** Uploads nobody saved: their review was abandoned. */
  async deleteOlderThan(at: Date): Promise<void> {
    await this.db.deleteFrom('uploads').where('created_at', '<', at).execute()
  }
}
