import type { EvidenceLog } from '../../../../../app/evidence.js'
import { areasFor, areaTitle, EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, evidenceFor } from '../../../../../domain/index.js'
import { gradeDisplay, minute, printedGrade } from '../../../../presenters.js'
import { evidenceBase, itemRow, kindLinks } from '../presenter.js'

const AGREEMENT: Record<string, string> = {
  agrees: 'Inspectors agree',
  'inspectors-higher': 'Inspectors grade it higher',
  'inspectors-lower': 'Inspectors grade it lower',
}

/** An assessment's evidence log as its page shows it, filtered by judgement and kind as asked. */
export function logView(log: EvidenceLog, names: Map<string, string>, q: Record<string, string | undefined>) {
  const { assessment: a, framework: f } = log
  return {
    title: `Evidence: ${names.get(a.authorityCode) ?? a.authorityCode}, ${f.name}`,
    id: a.id,
    version: a.version,
    authorityName: names.get(a.authorityCode) ?? a.authorityCode,
    frameworkName: f.name,
    summary: log.summary,
    purged: log.purged,
    retentionEnds: log.retentionEnds,
    retention: f.evidence?.retention,
    about: log.about,
    aboutWritten: log.about !== null && a.about.split(/\n{2,}/).includes(log.about),
    editable: a.status !== 'published',
    items: log.shown.map(i => itemRow(f, a.id, i)),
    filtered: Boolean(q.area || q.kind),
    areaItems: [
      { value: '', text: 'All judgements' },
      ...areasFor(f, a).map(x => ({ value: x.id, text: areaTitle(f, x.id), selected: x.id === q.area })),
    ],
    kindItems: [
      { value: '', text: 'All kinds' },
      ...EVIDENCE_KINDS.map(k => ({ value: k, text: EVIDENCE_KIND_LABELS[k], selected: k === q.kind })),
    ],
    kinds: kindLinks(a.id),
    judgements: areasFor(f, a).map(area => {
      const j = a.judgements.find(x => x.areaId === area.id)
      const council = log.selfAssessment?.areas.find(x => x.areaId === area.id)
      return {
        id: area.id,
        title: areaTitle(f, area.id),
        display: gradeDisplay(f, j?.grade ?? null),
        evidence: evidenceFor(log.items, area.id).length,
        href: `${evidenceBase(a.id)}?area=${encodeURIComponent(area.id)}`,
        editor: `/staff/assessments/${a.id}/areas/${area.id}`,
        council: council ? (printedGrade(f, council.council) ?? 'No grade') : null,
        councilNarrative: council?.narrative ?? '',
        agreement: council?.agreement ? AGREEMENT[council.agreement] : null,
      }
    }),
    selfAssessment: log.selfAssessment
      ? {
          by: log.selfAssessment.selfAssessment.submittedByName,
          at: minute(log.selfAssessment.selfAssessment.submittedAt),
          year: log.selfAssessment.selfAssessment.year,
        }
      : null,
    findings: log.findings,
  }
}
