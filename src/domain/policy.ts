import type { Actor } from './actor.js'
import type { Assessment } from './assessment.js'

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

/** Inspectors and quality assurers do the inspection work; everybody else only reads. */
export function isStaff(actor: Actor | null): actor is Actor {
  return actor?.role === 'inspector' || actor?.role === 'quality-assurer'
}
