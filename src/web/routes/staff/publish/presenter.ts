import type { CommentAnswer, FactualCheck } from '../../../../domain/index.js'

/** The factual accuracy comments as the publish check counts them: accepted, not accepted, still unanswered. */
export function commentCounts(check: FactualCheck | null, answers: readonly CommentAnswer[]) {
  return check
    ? {
        total: answers.length + check.unanswered.length,
        accepted: answers.filter(x => x.outcome === 'accepted').length,
        notAccepted: answers.filter(x => x.outcome === 'not-accepted').length,
        unanswered: check.unanswered.length,
      }
    : null
}
