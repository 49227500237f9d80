import { isFinished, type JobView } from '../../../app/jobs.js'
import { minute, plural } from '../../presenters.js'

const STATES: Record<JobView['state'], { text: string; colour: string }> = {
  created: { text: 'Waiting', colour: 'grey' },
  retry: { text: 'Waiting to be tried again', colour: 'yellow' },
  active: { text: 'Running', colour: 'blue' },
  completed: { text: 'Done', colour: 'green' },
  cancelled: { text: 'Cancelled', colour: 'grey' },
  failed: { text: 'Failed', colour: 'red' },
  unknown: { text: 'Not found in the queue', colour: 'red' },
}

/** A job as its pages show it: state in words, progress as "12 of 233", times as people write them. */
export function jobRow(j: JobView) {
  const state = STATES[j.state]
  return {
    id: j.id,
    href: `/jobs/${j.id}`,
    title: j.title,
    state: state.text,
    stateClass: `govuk-tag--${state.colour}`,
    finished: isFinished(j),
    progress:
      j.total === null
        ? isFinished(j)
          ? ''
          : 'Working'
        : `${j.done.toLocaleString('en-GB')} of ${plural(j.total, 'item')}${j.total ? ` (${Math.floor((100 * j.done) / j.total)}%)` : ''}`,
    submittedAt: minute(j.submittedAt),
    startedAt: j.startedAt ? minute(j.startedAt) : null,
    finishedAt: j.finishedAt ? minute(j.finishedAt) : null,
    workers: j.workers,
    retries: j.retries,
    error: j.error,
    log: j.log.map(l => ({ at: minute(l.at), message: l.message })),
    outcomes: outcomesOf(j.result),
    result: j.result === null ? null : JSON.stringify(j.result, null, 2),
  }
}

/** A reading job's files, each with what became of it and a link to the assessment read from it. */
function outcomesOf(result: unknown) {
  const outcomes = (result as { outcomes?: { file: string; status: string; assessmentId?: string; error?: string }[] })
    ?.outcomes
  return (outcomes ?? []).map(o => ({
    file: o.file,
    status: o.status === 'error' ? `Not read: ${o.error}` : o.status,
    href: o.assessmentId ? `/staff/assessments/${o.assessmentId}` : null,
  }))
}
