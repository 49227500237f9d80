import {
  type Assessment,
  areaTitle,
  type Framework,
  getArea,
  getFramework,
  STATUS_LABELS,
  STATUSES,
  stageNotice,
} from '../../../../domain/index.js'
import { pageDate, personLine } from '../../../presenters.js'
import { DATE_FIELDS, offeredDetails } from '../details/schemas.js'

/** The work page's summary of the details: what the report prints. */
export function detailRows(a: Assessment) {
  const offered = offeredDetails(getFramework(a.frameworkId))
  const row = (label: string, text: string) => ({ key: { text: label }, value: { text } })
  const written = (v: string) => (v.trim() ? v : 'Not written')
  return [
    ...DATE_FIELDS.map(d => row(d.label, pageDate(a.dates[d.name]) ?? 'Not recorded')),
    ...(offered.addressee ? [row('Addressee', personLine(a.addressee) ?? 'Not recorded')] : []),
    ...(offered.addressLines ? [row('Address', a.addressLines.join(', ') || 'Not recorded')] : []),
    ...(offered.salutation ? [row('Salutation', written(a.salutation))] : []),
    row('Signatories', a.signatories.map(personLine).join('; ') || 'None yet'),
    ...(offered.reportingInspector
      ? [row('Reporting inspector', personLine(a.reportingInspector) ?? 'Not recorded')]
      : []),
    ...(offered.summary ? [row('Summary', written(a.summary))] : []),
    ...(offered.about ? [row('About this inspection', written(a.about))] : []),
    ...(offered.serviceInformation ? [row('Service information', written(a.serviceInformation))] : []),
    ...(offered.numberedParagraphs ? [row('Numbered paragraphs', a.numberedParagraphs ? 'Yes' : 'No')] : []),
  ]
}

/** The banner after a change, by the `done` it redirects with. */
export const NOTICES: Record<string, string> = {
  judgement: 'The judgement has been saved.',
  recommendation: 'The recommendation has been added.',
  removed: 'The recommendation has been removed.',
  signed: 'You have signed the assessment.',
  signature: 'Your signature has been corrected.',
  unsigned: 'Your signature has been removed.',
  details: 'The details have been saved.',
  correction: 'A correction has been started as a new draft edition.',
}

/** What the banner says after a move: the new stage, and who acts next. */
export const movedNotice = (a: Pick<Assessment, 'status'>) => stageNotice(a.status, STATUS_LABELS[a.status])

/** What an audit entry did, in words: "Recorded the judgement: Safeguarding", "Moved to quality assurance". */
export function describeAudit(f: Framework, action: string, entityId: string): string {
  const part = entityId.split('/')[1]
  const area = part && getArea(f, part) ? areaTitle(f, part) : null
  const status = action.startsWith('assessment.') ? action.slice('assessment.'.length) : null
  if (status && (STATUSES as readonly string[]).includes(status))
    return `Moved to ${STATUS_LABELS[status as (typeof STATUSES)[number]].toLowerCase()}`
  const words: Record<string, string> = {
    'assessment.create': 'Created the assessment',
    'assessment.ingest': 'Read from a published document',
    'assessment.reingest': 'Read again from a published document',
    'assessment.details': 'Changed the details',
    'assessment.sign': 'Signed',
    'assessment.correction': 'Started a correction',
    'judgement.record': 'Recorded the judgement',
    'judgement.correct-reading': 'Corrected how the judgement was read',
    'recommendation.add': 'Added a recommendation',
    'recommendation.remove': 'Removed a recommendation',
    'comment.add': 'Commented (factual accuracy)',
  }
  return `${words[action] ?? action}${area ? `: ${area}` : ''}`
}
