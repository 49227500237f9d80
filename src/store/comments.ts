import { type Kysely, sql } from 'kysely'
import type { AnswerOutcome, CommentAnswer, CommentsEnded } from '../domain/index.js'
import { isUuid } from './connection.js'
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

/** The advisory lock class of an assessment's factual accuracy check (two-key locks: apart from the audit chain's). */
const CHECK_LOCK = 14

/** The inspection team's answers to factual accuracy comments, and officers' "no more comments": appended only. */
export class CommentAnswerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Holds the assessment's factual accuracy check until the transaction ends: a comment and the publication that
   * checks every comment is answered are taken one after the other, never both at once.
   */
  async lock(assessmentId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(${CHECK_LOCK}, hashtext(${assessmentId}))`.execute(this.db)
  }

  async insert(a: CommentAnswer): Promise<void> {
    await this.db
      .insertInto('comment_answers')
      .values({
        id: a.id,
        comment_id: a.commentId,
        assessment_id: a.assessmentId,
        outcome: a.outcome,
        text: a.text,
        author_id: a.authorId,
        author_name: a.authorName,
        created_at: a.createdAt,
      })
      .execute()
  }

  async forAssessment(assessmentId: string): Promise<CommentAnswer[]> {
    const rows = await this.db
      .selectFrom('comment_answers')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(r => ({
      id: r.id,
      commentId: r.comment_id,
      assessmentId: r.assessment_id,
      outcome: r.outcome as AnswerOutcome,
      text: r.text,
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: r.created_at.toISOString(),
    }))
  }

  async end(e: CommentsEnded): Promise<void> {
    await this.db
      .insertInto('comments_ended')
      .values({ assessment_id: e.assessmentId, author_id: e.authorId, author_name: e.authorName, at: e.at })
      .execute()
  }

  /** The latest "no more comments" on the assessment, if any. */
  async ended(assessmentId: string): Promise<CommentsEnded | undefined> {
    const r = await this.db
      .selectFrom('comments_ended')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('id', 'desc')
      .executeTakeFirst()
    return r
      ? { assessmentId: r.assessment_id, authorId: r.author_id, authorName: r.author_name, at: r.at.toISOString() }
      : undefined
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
    if (!isUuid(id)) return undefined
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
