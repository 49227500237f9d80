import { randomUUID } from 'node:crypto'
import { type Assessment, recordDocument } from '../../src/domain/index.js'
import type { Extraction } from '../../src/ingest/extract.js'

/** The assessment an extraction stands for, as ingestion records it. */
export function assessmentOf(e: Extraction): Assessment {
  if (!e.framework || !e.authority) throw new Error('incomplete extraction')
  return recordDocument(
    {
      id: randomUUID(),
      framework: e.framework,
      authorityCode: e.authority.code,
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
      recommendations: e.recommendations.map((r, i) => ({ id: String(i), ...r })),
      figures: e.figures,
      provenance: e.provenance,
    },
    { id: 'test', role: 'administrator' },
    new Date('2020-01-01T00:00:00Z'),
    { publish: true },
  )
}

/**
 * What the round trip must preserve: everything a person would copy out, without provenance spans. Free text (the
 * narratives, the summary, "About this inspection", the service information) is left out: the reader keeps it only
 * as the document's content, and the layout's paragraph numbers are the layout's, not a value it reads back.
 */
export function structured(x: Assessment | Extraction) {
  const a = 'detection' in x ? assessmentOf(x) : x
  return {
    framework: a.frameworkId,
    authority: a.authorityCode,
    dates: a.dates,
    addressee: a.addressee,
    addressLines: a.addressLines,
    salutation: a.salutation,
    signatories: a.signatories,
    reportingInspector: a.reportingInspector,
    inspectionType: a.inspectionType,
    judgements: a.judgements
      .filter(j => j.grade !== null)
      .map(j => [j.areaId, j.grade, j.level, j.strengths, j.areasForDevelopment]),
    // The document groups recommendations by section, so their order is not part of what must survive.
    recommendations: a.recommendations
      .map(r => [r.areaId, r.timescaleId, r.text, r.progress, r.dueDate])
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
  }
}

/** When a test writes a report from scratch: after every framework's dates, which may not be in the future. */
export const WRITTEN_AT = new Date('2026-12-01T09:00:00Z')
