import type { Actor, Role } from './actor.js'
import type { Assessment } from './assessment.js'
import { isOutstanding, OFFICER_STATUSES, type RecommendationStatus } from './tracking.js'
import type { User } from './user.js'

/**
 * Who may read an assessment. The public (no actor) and administrators see only what is published; an
 * authority officer also sees its own authority's assessments at the factual accuracy check; inspectors and
 * quality assurers see all.
 */
export function canRead(assessment: Pick<Assessment, 'status' | 'authorityCode'>, actor: Actor | null): boolean {
  if (assessment.status === 'published') return true
  if (!actor) return false
  switch (actor.role) {
    case 'inspector':
    case 'quality-assurer':
      return true
    case 'authority-officer':
      return assessment.status === 'factual-accuracy-check' && assessment.authorityCode === actor.authorityCode
    case 'administrator':
      return false
  }
}

/** Only the authority's own officers comment, and only while the report is at the factual accuracy check. */
export function canComment(assessment: Assessment, actor: Actor | null): boolean {
  return (
    actor?.role === 'authority-officer' &&
    assessment.status === 'factual-accuracy-check' &&
    assessment.authorityCode === actor.authorityCode
  )
}

/** The inspection team answers the authority's comments, while the report is at the factual accuracy check. */
export function mayAnswerComments(assessment: Pick<Assessment, 'status'>, actor: Actor | null): boolean {
  return isStaff(actor) && assessment.status === 'factual-accuracy-check'
}

/**
 * Who sees an assessment's factual accuracy comments and their answers: the inspection team all of them; the
 * authority's officers, while they may comment, their own.
 */
export function visibleComments<T extends { authorId: string }>(
  assessment: Assessment,
  actor: Actor | null,
  comments: readonly T[],
): T[] | null {
  if (!actor) return null
  const id = actor.id
  if (isStaff(actor)) return [...comments]
  return canComment(assessment, actor) ? comments.filter(c => c.authorId === id) : null
}

/** Inspectors and quality assurers do the inspection work; everybody else only reads. */
export function isStaff(actor: Actor | null): actor is Actor {
  return actor?.role === 'inspector' || actor?.role === 'quality-assurer'
}

/** An authority's officers, who see and answer their own authority's drafts at the factual accuracy check. */
export function isAuthorityOfficer(actor: Actor | null): boolean {
  return actor?.role === 'authority-officer' && actor.authorityCode !== undefined
}

/** Administrators run the service: its users and tokens, the authorities' list, profile data and every job. */
export function isAdministrator(actor: Actor | null): boolean {
  return actor?.role === 'administrator'
}

export function mayMove(roles: readonly Role[], actor: Actor): boolean {
  return roles.includes(actor.role)
}

/** Nothing is published by the person who created it: a second person verifies it. */
/** Only a quality assurer signs a letter or report, and corrects or takes back their own signature. */
export function maySign(actor: Actor): boolean {
  return actor.role === 'quality-assurer'
}

export function isSecondPerson(assessment: Pick<Assessment, 'createdBy'>, actor: Actor): boolean {
  return assessment.createdBy !== actor.id
}

/** Who may read published reports into the system (each awaits a quality assurer's verification). */
export function mayIngest(actor: Actor): boolean {
  return actor.role === 'inspector' || actor.role === 'quality-assurer' || actor.role === 'administrator'
}

/** Only an administrator's trusted batch import publishes without a second person, and it is recorded as such. */
export function mayPublishOnImport(actor: Actor): boolean {
  return isAdministrator(actor)
}

/**
 * Long work run as a job, by kind: reading reports is for those who may ingest, importing profile data for an
 * administrator, holding the rules against the record and printing reports for staff.
 */
export function maySubmitJob(actor: Actor, kind: string): boolean {
  if (kind === 'ingest' || kind === 'read') return mayIngest(actor)
  if (kind === 'data-import') return isAdministrator(actor)
  return !isAuthorityOfficer(actor)
}

/** A job is seen by the person who asked for it, and every job by an administrator (the jobs page). */
export function maySeeJob(actor: Actor | null, job: { submittedBy: { id: string } }): boolean {
  return actor !== null && (isAdministrator(actor) || actor.id === job.submittedBy.id)
}

/**
 * A token acts only for the user who creates it, or for a service account an administrator made: an administrator
 * never acts as another person.
 */
export function mayCreateTokenFor(actor: Actor, owner: Pick<User, 'id' | 'service'>): boolean {
  return owner.id === actor.id || (owner.service && isAdministrator(actor))
}

/** A token's owner may revoke it, and so may any administrator (revoking only ever takes access away). */
export function mayRevokeToken(actor: Actor, ownerId: string): boolean {
  return ownerId === actor.id || isAdministrator(actor)
}

/**
 * An authority's own officers record progress on the recommendations made to it: a note, and `in progress`. They
 * never confirm their own progress.
 */
export function mayRecordProgress(actor: Actor | null, authorityCode: string): boolean {
  return actor?.role === 'authority-officer' && actor.authorityCode === authorityCode
}

/** Inspectors and quality assurers confirm: met, not met, superseded, or open again. */
export function mayConfirm(actor: Actor | null): boolean {
  return isStaff(actor)
}

/**
 * Whether the actor may give the recommendation (made to that authority, now at `current`) that status: staff any;
 * the authority's officers `in progress`, or a note that leaves an open or in-progress one as it is.
 */
export function maySetRecommendationStatus(
  actor: Actor | null,
  authorityCode: string,
  status: RecommendationStatus,
  current: RecommendationStatus = 'open',
): boolean {
  if (mayConfirm(actor)) return true
  if (!mayRecordProgress(actor, authorityCode)) return false
  return OFFICER_STATUSES.includes(status) || (status === current && isOutstanding(current))
}

/**
 * Who sees the progress notes on an authority's recommendations: staff and that authority's officers. The public
 * sees each recommendation's status and when it changed, never the notes.
 */
export function maySeeProgressNotes(actor: Actor | null, authorityCode: string): boolean {
  return isStaff(actor) || mayRecordProgress(actor, authorityCode)
}

/**
 * The inspection's evidence belongs to the inspection team: inspectors and quality assurers. It is never public, and
 * neither administrators nor authority officers see it, even once the report is published.
 */
export function maySeeEvidence(actor: Actor | null): actor is Actor {
  return isStaff(actor)
}

/** Deleting evidence whose retention has passed is housekeeping: an administrator's, audited. */
export function mayPurgeEvidence(actor: Actor): boolean {
  return actor.role === 'administrator'
}

/** An authority's own officers submit its self-assessment. */
export function maySubmitSelfAssessment(actor: Actor | null, authorityCode: string): boolean {
  return mayRecordProgress(actor, authorityCode)
}

/**
 * Who sees a council's self-assessment: the inspection team and that council's officers; everybody else only where
 * the framework publishes it and an assessment of that year is published.
 */
export function maySeeSelfAssessment(
  actor: Actor | null,
  authorityCode: string,
  published: { byFramework: boolean; assessment: boolean },
): boolean {
  return (
    isStaff(actor) || maySubmitSelfAssessment(actor, authorityCode) || (published.byFramework && published.assessment)
  )
}
