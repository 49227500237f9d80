import {
  type Assessment,
  areasFor,
  areaTitle,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceItem,
  type Framework,
} from '../../../../domain/index.js'
import { minute } from '../../../presenters.js'

/** The address of an assessment's evidence log; its items and files are below it. */
export const evidenceBase = (id: string) => `/staff/assessments/${id}/evidence`

/** What the log and item pages say of an item. */
export function itemRow(f: Framework, id: string, i: EvidenceItem) {
  return {
    id: i.id,
    href: `${evidenceBase(id)}/${i.id}`,
    title: i.title,
    kind: EVIDENCE_KIND_LABELS[i.kind],
    caseReference: i.caseReference,
    informs: i.areaIds.map(a => areaTitle(f, a)),
    recorded: `${i.recordedByName || i.recordedBy}, ${minute(i.recordedAt)}`,
    files: i.files.map(file => ({
      ...file,
      href: `${evidenceBase(id)}/${i.id}/files/${file.id}`,
      size: `${Math.max(1, Math.round(file.bytes / 1024)).toLocaleString('en-GB')} KB`,
    })),
  }
}

/** The fields of the form that names judgements: one checkbox per area, `area:<id>`. */
export function areaCheckboxes(f: Framework, a: Assessment, chosen: readonly string[]) {
  return areasFor(f, a).map(area => ({
    value: 'yes',
    name: `area:${area.id}`,
    text: areaTitle(f, area.id),
    checked: chosen.includes(area.id),
  }))
}

/** The links to record each kind of evidence. */
export const kindLinks = (id: string) =>
  EVIDENCE_KINDS.map(k => ({ href: `${evidenceBase(id)}/new?kind=${k}`, text: EVIDENCE_KIND_LABELS[k] }))
