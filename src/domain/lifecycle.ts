import type { Actor, Role } from './actor.js'
import { type Assessment, type Origin, type Status, withDueDates } from './assessment.js'
import { today } from './dates.js'
import { ForbiddenError, ImmutableError, ValidationError } from './errors.js'
import type { Framework } from './framework.js'
import { isSecondPerson, mayMove } from './policy.js'
import { evaluateRules } from './rules.js'

export interface Transition {
  from: Status
  to: Status
  roles: readonly Role[]
  label: string
  /** Moving on requires every required grade and no unresolved rule finding. */
  gated: boolean
  /** Only for assessments of this origin: a report read from a document is verified against it, not re-inspected. */
  origin?: Origin
}

export const TRANSITIONS: readonly Transition[] = [
  {
    from: 'draft',
    to: 'quality-assurance',
    roles: ['inspector', 'quality-assurer'],
    label: 'Send for quality assurance',
    gated: false,
  },
  {
    from: 'quality-assurance',
    to: 'draft',
    roles: ['quality-assurer'],
    label: 'Return to the inspector',
    gated: false,
  },
  {
    from: 'quality-assurance',
    to: 'factual-accuracy-check',
    roles: ['quality-assurer'],
    label: 'Send to the authority for a factual accuracy check',
    gated: true,
    origin: 'entered',
  },
  {
    from: 'factual-accuracy-check',
    to: 'quality-assurance',
    roles: ['quality-assurer'],
    label: 'Take back into quality assurance',
    gated: false,
  },
  { from: 'factual-accuracy-check', to: 'published', roles: ['quality-assurer'], label: 'Publish', gated: true },
  ...(['draft', 'quality-assurance'] as const).map(
    (from): Transition => ({
      from,
      to: 'published',
      roles: ['quality-assurer'],
      label: 'Publish: it matches the published document',
      // What Ofsted published is the record, whatever the rules would have advised.
      gated: false,
      origin: 'ingested',
    }),
  ),
]

const applies = (t: Transition, a: Assessment) => t.from === a.status && (t.origin ?? a.origin) === a.origin

export function availableTransitions(assessment: Assessment, actor: Actor): Transition[] {
  return TRANSITIONS.filter(
    t =>
      applies(t, assessment) && mayMove(t.roles, actor) && (t.to !== 'published' || isSecondPerson(assessment, actor)),
  )
}

/**
 * Moves an assessment through draft → quality assurance → factual accuracy check → published.
 * Publishing fixes the date of record (today, if none was set) and so the recommendations' due dates.
 */
export function transition(
  assessment: Assessment,
  framework: Framework,
  to: Status,
  actor: Actor,
  now: Date,
): Assessment {
  if (assessment.status === 'published') throw new ImmutableError('A published assessment cannot change state')
  const t = TRANSITIONS.find(x => applies(x, assessment) && x.to === to)
  if (!t) throw new ValidationError(`An assessment cannot move from ${assessment.status} to ${to}`)
  if (!mayMove(t.roles, actor))
    throw new ForbiddenError(`A ${actor.role} may not move an assessment from ${assessment.status} to ${to}`)
  if (to === 'published' && !isSecondPerson(assessment, actor))
    throw new ForbiddenError('A second person must publish: you created this assessment')
  if (t.gated) {
    const blocking = evaluateRules(assessment, framework).filter(f => f.blocking)
    if (blocking.length > 0)
      throw new ValidationError(
        `The assessment cannot move to ${to} until ${blocking.length} finding(s) are resolved`,
        blocking.map(f => f.message),
      )
  }
  let next: Assessment = { ...assessment, status: to, updatedAt: now.toISOString() }
  if (to === 'published') {
    const key = framework.dateOfRecord
    // A report read from a document keeps the dates it printed: one it did not print stays missing.
    if (next.dates[key] === null && next.origin === 'entered')
      next = { ...next, dates: { ...next.dates, [key]: today(now) } }
    next = withDueDates(next, framework)
  }
  return next
}
