import type { Status } from './assessment.js'
import { today } from './dates.js'
import { ValidationError } from './errors.js'
import type { FactualCheckSettings } from './framework.js'
import { addWorkingDays } from './timescale.js'

/**
 * The factual accuracy check as a conversation: the authority's officers comment on the draft, section by section,
 * until they say they have no more comments or the framework's window closes; the inspection team answers every
 * comment (accepted, with the change made; or not accepted, with the reason); the report is published only once every
 * comment has its answer. Answers are appended: a comment is never edited.
 */

export const ANSWER_OUTCOMES = ['accepted', 'not-accepted'] as const
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number]
export const ANSWER_OUTCOME_LABELS: Record<AnswerOutcome, string> = {
  accepted: 'Accepted: the report is changed',
  'not-accepted': 'Not accepted',
}

/** The inspection team's answer to one comment. */
export interface CommentAnswer {
  id: string
  commentId: string
  assessmentId: string
  outcome: AnswerOutcome
  /** The change made (accepted), or the reason it was not (not accepted). */
  text: string
  authorId: string
  authorName: string
  createdAt: string
}

/** An officer's "no more comments". */
export interface CommentsEnded {
  assessmentId: string
  authorId: string
  authorName: string
  at: string
}

export interface FactualCheck {
  /** The day the draft was sent to the authority; null where it is not recorded. */
  sentOn: string | null
  /** The last day the authority may comment; null where there is none (no window, or no date it counts from). */
  deadline: string | null
  ended: CommentsEnded | null
  /** Whether officers may still comment: not ended, and the deadline not passed. */
  open: boolean
  /** Comments still without an answer. */
  unanswered: string[]
}

/** Where the factual accuracy check stands, from its comments, their answers, and the framework's window. */
export function factualCheck(input: {
  sentAt: string | null
  settings: FactualCheckSettings | undefined
  comments: readonly { id: string }[]
  answers: readonly Pick<CommentAnswer, 'commentId'>[]
  ended: CommentsEnded | null
  now: Date
}): FactualCheck {
  const sentOn = input.sentAt ? input.sentAt.slice(0, 10) : null
  const deadline = sentOn && input.settings ? (addWorkingDays(sentOn, input.settings.workingDays) ?? null) : null
  const passed = deadline !== null && today(input.now) > deadline
  const answered = new Set(input.answers.map(a => a.commentId))
  return {
    sentOn,
    deadline,
    ended: input.ended,
    open: input.ended === null && !passed,
    unanswered: input.comments.filter(c => !answered.has(c.id)).map(c => c.id),
  }
}

/** A report is published only when every comment of its factual accuracy check has an answer. */
export function assertAllAnswered(check: Pick<FactualCheck, 'unanswered'>): void {
  const n = check.unanswered.length
  if (n > 0)
    throw new ValidationError(
      `The report cannot be published while ${n === 1 ? 'a factual accuracy comment is' : `${n} factual accuracy comments are`} unanswered: answer ${n === 1 ? 'it' : 'each'} first`,
    )
}

/** Checks an answer as written: an outcome, and the change made or the reason. */
export function checkAnswer(input: { outcome: string; text: string }): { outcome: AnswerOutcome; text: string } {
  const problems: string[] = []
  const outcome = ANSWER_OUTCOMES.find(o => o === input.outcome)
  if (!outcome) problems.push('Select whether the comment is accepted')
  const text = input.text.trim()
  if (!text)
    problems.push(
      outcome === 'not-accepted' ? 'Enter the reason it is not accepted' : 'Enter the change made to the report',
    )
  if (text.length > 10_000) problems.push('The answer must be 10,000 characters or fewer')
  if (!outcome || problems.length) throw new ValidationError(problems.join('; '), problems)
  return { outcome, text }
}

/** What each stage is, and who acts next: what a banner says after every move. */
const NEXT: Record<Status, string> = {
  draft: 'The inspector writes the report and sends it for quality assurance.',
  'quality-assurance': 'A quality assurer checks it, then returns it to the inspector or sends it to the authority.',
  'factual-accuracy-check':
    'The authority’s officers comment on its factual accuracy, section by section; the inspection team answers each comment; a quality assurer publishes it once every comment is answered.',
  published: 'Nobody: it is public and cannot be changed. A correction would be a new edition.',
}

export function stageNotice(status: Status, label: string): string {
  return `The assessment is now at: ${label}. Next: ${NEXT[status]}`
}
