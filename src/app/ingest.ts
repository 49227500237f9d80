import {
  type Actor,
  type Assessment,
  AuthorityIndex,
  areaTitle,
  ConflictError,
  correctionFromDocument,
  evaluateRules,
  type Finding,
  getFramework,
  recordDocument,
  refreshFromDocument,
} from '../domain/index.js'
import { baseName } from '../ingest/dates.js'
import type { Extraction } from '../ingest/extract.js'
import { type PdfPool, pdfPool } from '../ingest/pdf-pool.js'
import type { ReadResult } from '../ingest/read.js'
import { extractRead, type Reading, readReport } from '../ingest/reading.js'
import { canonicalJson } from '../lib/canonical.js'
import { isUniqueViolation, type Store } from '../store/store.js'
import type { Context } from './assessments.js'

export interface IngestedFile {
  name: string
  bytes: Uint8Array
  /** Where the file came from, as the person who gave it said (Ofsted's address of the report). */
  sourceUrl?: string | null
}

/** What became of one file: an error naming the problem, or the assessment read from it. */
export type IngestOutcome =
  | { file: string; ok: false; error: string }
  | {
      file: string
      ok: true
      /**
       * created: a new assessment; updated: an unpublished one refreshed in place; correction: the document differs
       * from the published assessment, so the difference is the next edition; unchanged; dry-run: nothing stored.
       */
      status: 'created' | 'updated' | 'correction' | 'unchanged' | 'dry-run'
      assessment: Assessment
      extraction: Extraction
      findings: Finding[]
      /** The document's text, which the extraction's source spans point into. */
      text: string
    }

export interface IngestOptions {
  dryRun?: boolean
  /** An administrator's trusted import: published at once, without a second person, and audited as such. */
  publish?: boolean
  /** Where the file came from (a batch of one): kept with its original. */
  sourceUrl?: string | null
}

/** Turns an extraction into the assessment an inspector would have entered, awaiting verification. */
function toAssessment(ctx: Context, actor: Actor, e: Extraction, id: string, options: IngestOptions): Assessment {
  const framework = e.framework
  const authority = e.authority
  if (!framework || !authority) throw new Error('extraction without framework or authority')
  return recordDocument(
    {
      id,
      framework,
      authorityCode: authority.code,
      dates: e.dates,
      addressee: e.addressee,
      addressLines: e.addressLines,
      salutation: e.salutation,
      signatories: e.signatories,
      reportingInspector: e.reportingInspector,
      inspectionType: e.inspectionType,
      previousInspection: e.previousInspection,
      followsUp: e.followsUp,
      judgements: e.judgements,
      recommendations: e.recommendations.map((r, i) => ({ id: `${e.documentHash.slice(0, 12)}-${i + 1}`, ...r })),
      figures: e.figures,
      provenance: e.provenance,
      content: e.content,
    },
    actor,
    ctx.now(),
    options,
  )
}

/**
 * Stores what was read in one transaction; when a simultaneous request stored the same document or changed the same
 * assessment first, the database refuses the loser, and it is read against what is now held (a few times at most).
 */
async function storeReading<T>(ctx: Context, work: (tx: Store) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++)
    try {
      return await ctx.store.transaction(work)
    } catch (e) {
      if (attempt >= 5 || !(isUniqueViolation(e) || e instanceof ConflictError)) throw e
    }
}

/**
 * Ingests files in order, reading the next ones ahead (PDFs read and extracted in the worker pool, on every core)
 * while each is stored in its own transaction. `load` gives a file's bytes when it is needed, so a large folder is
 * never all in memory.
 */
export async function ingestBatch(
  ctx: Context,
  actor: Actor,
  names: readonly string[],
  load: (name: string, index: number) => Uint8Array | Promise<Uint8Array>,
  options: IngestOptions & { pool?: PdfPool } = {},
  onEach: (outcome: IngestOutcome, done: number) => void = () => {},
): Promise<IngestOutcome[]> {
  const ahead = 8 * (options.pool ?? pdfPool()).workers
  const authorities = await authorityIndex(ctx)
  const pending: Promise<{ file: IngestedFile; reading: Reading } | { file: string; error: string }>[] = []
  const start = (i: number) => {
    const name = names[i] as string
    pending[i] = (async () => {
      try {
        const file = { name, bytes: await load(name, i) }
        return { file, reading: await readReport(name, file.bytes, authorities, options.pool) }
      } catch (e) {
        return { file: name, error: (e as Error).message }
      }
    })()
  }
  for (let i = 0; i < Math.min(ahead, names.length); i++) start(i)
  const outcomes: IngestOutcome[] = []
  for (let i = 0; i < names.length; i++) {
    // Storing holds this thread (the embedded database runs in it), so the workers' answers are taken in, and their
    // next files sent, between one file and the next: else they would wait idle until a reading was not yet done.
    await new Promise(setImmediate)
    const r = await pending[i]
    delete pending[i]
    if (i + ahead < names.length) start(i + ahead)
    let outcome: IngestOutcome
    if (!r || 'error' in r) outcome = { file: names[i] as string, ok: false, error: r?.error ?? 'not read' }
    else
      try {
        outcome = await ingestFile(ctx, actor, r.file, { ...options, authorities, reading: r.reading })
      } catch (e) {
        outcome = { file: r.file.name, ok: false, error: (e as Error).message }
      }
    outcomes.push(outcome)
    onEach(outcome, i + 1)
  }
  return outcomes
}

/**
 * The edition a new reading is compared with: the last of the report's editions (an open correction of a published
 * assessment, or the published edition that superseded it, or the assessment itself).
 */
async function latestEdition(store: Store, a: Assessment): Promise<Assessment> {
  const last = (await store.assessments.editions(a.id)).at(-1)
  return last && last.id !== a.id ? store.assessments.get(last.id) : a
}

/** An assessment already read from another document of the same report: same framework, authority and date. */
async function sameReport(
  store: Context['store'],
  e: Extraction,
): Promise<{ assessmentId: string; firstReadAt: string } | undefined> {
  if (!e.framework || !e.authority) return undefined
  const key = e.framework.dateOfRecord === 'letter' ? e.dates.letter : e.dates.published
  if (!key) return undefined
  const candidates = await store.assessments.list({ authorityCode: e.authority.code, frameworkId: e.framework.id })
  const match = candidates.find(
    a =>
      a.origin === 'ingested' && (e.framework?.dateOfRecord === 'letter' ? a.dates.letter : a.dates.published) === key,
  )
  if (!match) return undefined
  const [document] = await store.documents.forAssessment(match.id)
  return { assessmentId: match.id, firstReadAt: document?.firstReadAt ?? match.createdAt }
}

/** The authorities as the store holds them, indexed by every name a report may print. */
export async function authorityIndex(ctx: Context): Promise<AuthorityIndex> {
  return new AuthorityIndex(await ctx.store.authorities.list())
}

/** Why an extraction cannot be stored, or null when it can: an unsupported kind, not a report, or no authority. */
function refusal(e: Extraction): string | null {
  if (e.detection.kind === 'unsupported') return `unsupported document: ${e.detection.recognised}`
  if (e.detection.kind === 'not-a-report') return `not a report: ${e.detection.reason}`
  if (!e.authority)
    return `the authority could not be identified: ${e.findings.find(f => f.severity === 'error')?.message ?? 'no authority named'}`
  return null
}

/** Content only: what a second reading of the same document is compared on. */
function content(a: Assessment): string {
  const { version: _v, updatedAt: _u, ...rest } = a
  return canonicalJson(rest)
}

/**
 * Reads one published report and stores it as an assessment, in one transaction. The same document again gives the
 * same assessment: what was read from it is refreshed, what a person corrected is kept.
 */
export async function ingestFile(
  ctx: Context,
  actor: Actor,
  file: IngestedFile,
  options: IngestOptions & { authorities?: AuthorityIndex; reading?: Reading; read?: ReadResult } = {},
): Promise<IngestOutcome> {
  // A batch passes one index for all its files, and what it read ahead; a single file builds its own, and is read
  // now unless its text was read before (a reading job's result).
  const index = options.authorities ?? (await authorityIndex(ctx))
  const reading =
    options.reading ??
    (options.read ? extractRead(file.name, options.read, index) : await readReport(file.name, file.bytes, index))
  if (!reading.extraction) return { file: file.name, ok: false, error: reading.read.error }
  const { read, extraction: e } = reading
  const refused = refusal(e)
  if (refused !== null)
    return {
      file: file.name,
      ok: false,
      // A page a browser or a download saved under the report's name: what it looked like is said after what it is.
      error: read.htmlNamedPdf
        ? `the file is named .pdf but is an HTML page (a saved web or error page, not the report)${e.detection.kind === 'not-a-report' ? '' : `; it reads as ${refused}`}`
        : refused,
    }
  if (e.detection.kind !== 'supported') throw new Error('unreachable: a detection refused above')
  const framework = getFramework(e.detection.frameworkId)
  const findingsOf = (a: Assessment) => [...e.findings, ...evaluateRules(a, framework)]
  if (options.dryRun) {
    const a = toAssessment(ctx, actor, e, ctx.newId(), options)
    return {
      file: file.name,
      ok: true,
      status: 'dry-run',
      assessment: a,
      extraction: e,
      findings: findingsOf(a),
      text: read.text,
    }
  }
  return storeReading(ctx, async tx => {
    const now = ctx.now()
    // The same bytes again, or another copy of the same report (a PDF and a text of one letter): one assessment.
    const held = await tx.documents.find(read.hash)
    const known = held ?? (await sameReport(tx, e))
    const document = {
      hash: read.hash,
      // The name the file was given, never the path it was read from.
      fileName: baseName(file.name),
      sourceUrl: file.sourceUrl ?? options.sourceUrl ?? null,
      format: read.format,
      bytes: file.bytes.length,
      text: read.text,
      lastReadAt: now.toISOString(),
    }
    const done = (status: 'updated' | 'correction' | 'unchanged', a: Assessment): IngestOutcome => ({
      file: file.name,
      ok: true,
      status,
      assessment: a,
      extraction: e,
      findings: findingsOf(a),
      text: read.text,
    })
    if (known) {
      const existing = await latestEdition(tx, await tx.assessments.get(known.assessmentId))
      if (existing.origin !== 'ingested')
        return {
          file: file.name,
          ok: false,
          error: `this report's assessment has an edition a person wrote (assessment ${existing.id}, ${existing.status}); the document was not read into it`,
        }
      const reading = toAssessment(ctx, actor, e, existing.id, options)
      const refreshed = refreshFromDocument(existing, reading, framework, now)
      // Bytes already held stay with the assessment they were first read into; new bytes go with this reading.
      const keepDocument = async (assessmentId: string) => {
        if (!held) return tx.documents.insert({ ...document, assessmentId, firstReadAt: now.toISOString() }, file.bytes)
        await tx.documents.put({
          ...document,
          sourceUrl: document.sourceUrl ?? held.sourceUrl,
          assessmentId: held.assessmentId,
          firstReadAt: held.firstReadAt,
        })
        await tx.documents.keepOriginal(read.hash, file.bytes)
      }
      const unchanged = content(refreshed) === content(existing)
      if (unchanged || existing.status !== 'published') await keepDocument(existing.id)
      if (unchanged) return done('unchanged', existing)
      if (existing.status !== 'published') {
        // Not yet public: what was read is refreshed in place, and the change is in the audit log.
        const saved = await tx.assessments.update(refreshed, existing.version)
        await tx.audit.append(actor, now, {
          action: 'assessment.reingest',
          entity: 'assessment',
          entityId: saved.id,
          before: existing,
          after: saved,
        })
        return done('updated', saved)
      }
      const correction = correctionFromDocument(existing, refreshed, ctx.newId(), actor, now, options)
      await tx.assessments.insert(correction)
      await keepDocument(correction.id)
      await tx.audit.append(actor, now, {
        action: options.publish ? 'assessment.correction.import-published' : 'assessment.correction.ingest',
        entity: 'assessment',
        entityId: correction.id,
        before: { supersedes: existing.id },
        after: correction,
      })
      return done('correction', correction)
    }
    const a = toAssessment(ctx, actor, e, ctx.newId(), options)
    await tx.assessments.insert(a)
    await tx.documents.insert({ ...document, assessmentId: a.id, firstReadAt: now.toISOString() }, file.bytes)
    await tx.audit.append(actor, now, {
      action: options.publish ? 'assessment.import-published' : 'assessment.ingest',
      entity: 'assessment',
      entityId: a.id,
      before: null,
      after: a,
    })
    return {
      file: file.name,
      ok: true,
      status: 'created',
      assessment: a,
      extraction: e,
      findings: findingsOf(a),
      text: read.text,
    }
  })
}

/** The JSON the ingest command prints for one file. */
export function outcomeJson(o: IngestOutcome) {
  if (!o.ok) return { file: o.file, error: o.error }
  const a = o.assessment
  const framework = getFramework(a.frameworkId)
  const label = (id: string | null) => (id ? areaTitle(framework, id) : null)
  const authority = o.extraction.authority
  return {
    file: o.file,
    status: o.status,
    assessmentId: a.id,
    assessmentStatus: a.status,
    edition: a.edition,
    supersedes: a.supersedes,
    framework: framework.id,
    year: o.extraction.detection.kind === 'supported' ? o.extraction.detection.year : null,
    authority: authority ? { code: authority.code, name: authority.name } : null,
    date: a.dates.letter ?? a.dates.published,
    dates: a.dates,
    addressee: a.addressee,
    signatories: a.signatories,
    reportingInspector: a.reportingInspector,
    judgements: a.judgements.map(j => {
      const area = framework.areas.find(x => x.id === j.areaId)
      return {
        area: area?.label ?? j.areaId,
        part: framework.parts.find(p => p.id === area?.part)?.label ?? null,
        grade: j.grade,
        level: j.level,
        source: j.source,
        readings: j.readings.map(r => ({ printed: r.printed, value: r.value, source: r.source })),
      }
    }),
    recommendations: a.recommendations.map(r => ({
      area: label(r.areaId),
      timescale: framework.timescales.find(t => t.id === r.timescaleId)?.label ?? r.timescaleId,
      text: r.text,
      dueDate: r.dueDate,
      progress: r.progress,
    })),
    figures: a.figures.map(f => ({ key: f.key, label: f.label, value: f.value })),
    findings: o.findings.map(f => ({
      rule: f.rule,
      status: f.status,
      blocking: f.blocking,
      source: f.source,
      severity: f.severity,
      kind: f.kind,
      area: label(f.areaId),
      message: f.message,
    })),
  }
}
