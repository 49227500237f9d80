import type { ColumnType, Generated, JSONColumnType } from 'kysely'
import type { Judgement } from '../domain/index.js'

/** Timestamps are written as ISO strings and read back as Date. */
type Timestamp = ColumnType<Date, string, string>

export interface AuthoritiesTable {
  code: string
  la_code: string
  name: string
  aliases: JSONColumnType<string[]>
  type: string
  region: string
  valid_from: string | null
  valid_to: string | null
}

export interface NeighboursTable {
  authority_code: string
  position: number
  neighbour_code: string
}

export interface AssessmentsTable {
  id: string
  framework_id: string
  authority_code: string
  status: string
  edition: number
  supersedes: string | null
  version: number
  origin: string
  letter_date: string | null
  published_date: string | null
  inspection_end_date: string | null
  /** The letter's details outside judgements and recommendations, as the domain's JSON. */
  details: JSONColumnType<Record<string, unknown>>
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export interface JudgementsTable {
  assessment_id: string
  area_id: string
  position: number
  grade: number | null
  level: string | null
  narrative: string
  strengths: JSONColumnType<string[]>
  areas_for_development: JSONColumnType<string[]>
  /** The professional overrides, each answering one rule's finding. */
  override: JSONColumnType<Judgement['overrides'] | null>
  readings: JSONColumnType<unknown[]>
  source: JSONColumnType<Record<string, unknown> | null>
}

export interface RecommendationsTable {
  assessment_id: string
  id: string
  position: number
  area_id: string | null
  text: string
  timescale_id: string
  due_date: string | null
  progress: string | null
  source: JSONColumnType<Record<string, unknown> | null>
}

/** Progress on a recommendation: appended, never changed. */
export interface RecommendationUpdatesTable {
  id: Generated<string>
  assessment_id: string
  recommendation_id: string
  at: Timestamp
  by: string
  by_name: string
  role: string
  status: string
  note: string | null
  later_assessment_id: string | null
}

/** An item of an inspection's evidence, with the judgements it informs. */
export interface EvidenceItemsTable {
  id: string
  assessment_id: string
  kind: string
  title: string
  case_reference: string | null
  findings: JSONColumnType<{ aspect: string; rating: string }[]>
  participants: JSONColumnType<{ role: string; count: number }[]>
  respondents: number | null
  notes: string
  area_ids: JSONColumnType<string[]>
  recorded_by: string
  recorded_by_name: string
  recorded_at: Timestamp
}

/** A file attached to an evidence item; the database refuses bytes whose SHA-256 is not `sha256`. */
export interface EvidenceFilesTable {
  id: string
  evidence_id: string
  file_name: string
  media_type: string
  bytes: number
  sha256: string
  content: Uint8Array
}

/** What stays of an assessment's evidence once its retention has passed: the counts per kind. */
export interface EvidenceSummariesTable {
  assessment_id: string
  counts: JSONColumnType<Record<string, number>>
  purged_at: Timestamp
  purged_by: string
}

/** A council's own grades and narrative per area, for a framework and year. */
export interface SelfAssessmentsTable {
  authority_code: string
  framework_id: string
  year: number
  areas: JSONColumnType<{ areaId: string; grade: number | null; narrative: string }[]>
  submitted_by: string
  submitted_by_name: string
  submitted_at: Timestamp
}

export interface AuditLogTable {
  id: Generated<string>
  at: Timestamp
  actor: string
  actor_role: string
  action: string
  entity: string
  entity_id: string
  before: JSONColumnType<object | null>
  after: JSONColumnType<object | null>
  prev_hash: string | null
  hash: string | null
}

export interface DocumentsTable {
  hash: string
  assessment_id: string
  file_name: string
  format: string
  bytes: number
  text: string
  original: Uint8Array | null
  source_url: string | null
  first_read_at: Timestamp
  last_read_at: Timestamp
}

export interface Database {
  documents: DocumentsTable
  authorities: AuthoritiesTable
  statistical_neighbours: NeighboursTable
  assessments: AssessmentsTable
  judgements: JudgementsTable
  recommendations: RecommendationsTable
  recommendation_updates: RecommendationUpdatesTable
  evidence_items: EvidenceItemsTable
  evidence_files: EvidenceFilesTable
  evidence_summaries: EvidenceSummariesTable
  self_assessments: SelfAssessmentsTable
  audit_log: AuditLogTable
  users: UsersTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  comments: CommentsTable
  comment_answers: CommentAnswersTable
  comments_ended: CommentsEndedTable
  uploads: UploadsTable
  datasets: DatasetsTable
  indicators: IndicatorsTable
  indicator_values: IndicatorValuesTable
  setting_outcomes: SettingOutcomesTable
  unannounced_inspections: UnannouncedInspectionsTable
  job_runs: JobRunsTable
  job_files: JobFilesTable
  report_pdfs: ReportPdfsTable
}

export interface UsersTable {
  id: string
  email: string
  name: string
  role: string
  authority_code: string | null
  /** Null for a service account, which never signs in. */
  password_hash: string | null
  active: boolean
  service: Generated<boolean>
  created_at: Timestamp
}

export interface SessionsTable {
  id_hash: string
  user_id: string
  csrf_token: string
  created_at: Timestamp
  expires_at: Timestamp
}

export interface ApiTokensTable {
  id: string
  user_id: string
  name: string
  token_hash: string
  created_at: Timestamp
  revoked_at: Timestamp | null
}

export interface CommentsTable {
  id: string
  assessment_id: string
  section: string
  text: string
  author_id: string
  author_name: string
  created_at: Timestamp
}

/** The inspection team's answer to a factual accuracy comment; appended, never changed. */
export interface CommentAnswersTable {
  id: string
  comment_id: string
  assessment_id: string
  outcome: string
  text: string
  author_id: string
  author_name: string
  created_at: Timestamp
}

/** An officer's "no more comments" on a draft at the factual accuracy check; appended, never changed. */
export interface CommentsEndedTable {
  id: Generated<string>
  assessment_id: string
  author_id: string
  author_name: string
  at: Timestamp
}

export interface UploadsTable {
  id: string
  user_id: string
  file_name: string
  content: Uint8Array
  created_at: Timestamp
}

export interface DatasetsTable {
  id: string
  kind: string
  file_name: string
  synthetic: boolean
  rows: number
  imported_by: string
  imported_at: Timestamp
}

export interface IndicatorsTable {
  code: string
  definition: JSONColumnType<Record<string, unknown>>
  synthetic: boolean
}

export interface IndicatorValuesTable {
  code: string
  year: number
  area_code: string
  period: string
  value: number
  denominator: number | null
  dataset_id: string
}

export interface SettingOutcomesTable {
  urn: string
  year: number
  setting_type: string
  name: string
  authority_code: string
  inspection_date: string
  grade: number
  dataset_id: string
}

export interface UnannouncedInspectionsTable {
  authority_code: string
  date: string
  year: number
  priority_actions: number
  dataset_id: string
}

export interface JobRunsTable {
  id: string
  kind: string
  title: string
  submitted_by: string
  submitted_role: string
  submitted_at: Timestamp
  done: Generated<number>
  total: number | null
  log: Generated<unknown>
  workers: Generated<unknown>
  updated_at: Timestamp
}

export interface ReportPdfsTable {
  assessment_id: string
  version: number
  pdf: Uint8Array
  printed_at: Timestamp
}

export interface JobFilesTable {
  job_id: string
  seq: number
  name: string
  bytes: Uint8Array
  source_url: string | null
}
