import { type Kysely, sql } from 'kysely'
import { AUTHORITIES, INDICATORS } from '../domain/index.js'
import { AssessmentRepository } from './assessments.js'
import { AuditRepository } from './audit.js'
import { AuthorityRepository } from './authorities.js'
import { CommentAnswerRepository, CommentRepository, UploadRepository } from './comments.js'
import { connect, describeTarget, grantToService, migrate, type StoreTarget } from './connection.js'
import { DocumentRepository } from './documents.js'
import { EvidenceRepository } from './evidence.js'
import { JobRepository } from './jobs.js'
import { ProfileRepository } from './profile.js'
import { installQueues } from './queue.js'
import { RecommendationUpdateRepository } from './recommendation-updates.js'
import { ReportPdfRepository } from './report-pdfs.js'
import type { Database } from './schema.js'
import { UserRepository } from './users.js'

/** The repositories over one connection or one transaction. */
export class Store {
  readonly authorities: AuthorityRepository
  readonly assessments: AssessmentRepository
  readonly audit: AuditRepository
  readonly documents: DocumentRepository
  readonly users: UserRepository
  readonly comments: CommentRepository
  readonly commentAnswers: CommentAnswerRepository
  readonly uploads: UploadRepository
  readonly profile: ProfileRepository
  readonly recommendationUpdates: RecommendationUpdateRepository
  readonly evidence: EvidenceRepository
  readonly jobs: JobRepository
  readonly reportPdfs: ReportPdfRepository

  constructor(
    readonly db: Kysely<Database>,
    readonly description: string,
    private readonly inTransaction = false,
    /** The migrations this opening applied (none when the store was already up to date). */
    readonly migrationsApplied: readonly string[] = [],
  ) {
    this.authorities = new AuthorityRepository(db)
    this.assessments = new AssessmentRepository(db)
    this.audit = new AuditRepository(db)
    this.documents = new DocumentRepository(db)
    this.users = new UserRepository(db)
    this.comments = new CommentRepository(db)
    this.commentAnswers = new CommentAnswerRepository(db)
    this.uploads = new UploadRepository(db)
    this.profile = new ProfileRepository(db)
    this.recommendationUpdates = new RecommendationUpdateRepository(db)
    this.evidence = new EvidenceRepository(db)
    this.jobs = new JobRepository(db)
    this.reportPdfs = new ReportPdfRepository(db)
  }

  /** Runs the work in one transaction: all of it is stored, or none. Nested calls join the outer transaction. */
  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this)
    const result = await this.db.transaction().execute(trx => work(new Store(trx, this.description, true)))
    this.committed++
    return result
  }

  private committed = 0
  /** How many transactions this process has committed through this store: changes here, known at once. */
  get commits(): number {
    return this.committed
  }

  /**
   * Refreshes the planner's statistics. PostgreSQL's autovacuum does this by itself; embedded PGlite has none, and
   * with statistics from an empty store it plans joins as if tables held one row (a search then took seconds).
   */
  async analyze(): Promise<void> {
    await sql`analyze`.execute(this.db)
  }

  async close(): Promise<void> {
    await this.db.destroy()
  }
}

/** Applies pending migrations and adds any reference authorities and indicators the store lacks. */
async function prepare(db: Kysely<Database>): Promise<string[]> {
  const applied = await migrate(db)
  const store = new Store(db, '')
  await store.authorities.addMissing(AUTHORITIES)
  await store.profile.addMissingIndicators(INDICATORS)
  await installQueues(db)
  return applied
}

/**
 * Connects and brings the store up to date. With an owner's URL, that is done as the owner, which then grants the
 * service's own role (the URL's) only what it needs; the service never runs as the tables' owner.
 */
export async function openStore(target: StoreTarget): Promise<Store> {
  let applied: string[] = []
  if (target.kind === 'postgres' && target.ownerUrl) {
    const owner = await connect({
      kind: 'postgres',
      url: target.ownerUrl,
      ...(target.schema ? { schema: target.schema } : {}),
    })
    try {
      applied = await prepare(owner)
      await grantToService(owner, decodeURIComponent(new URL(target.url).username) || 'postgres')
    } finally {
      await owner.destroy()
    }
  }
  const db = await connect(target)
  try {
    if (!(target.kind === 'postgres' && target.ownerUrl)) applied = await prepare(db)
    const store = new Store(db, describeTarget(target), false, applied)
    if (target.kind === 'pglite') await store.analyze()
    return store
  } catch (e) {
    await db.destroy()
    throw e
  }
}

/** A write the database refused because another request had just made the same row (a unique constraint). */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === '23505'
}
