import type { Assessment, Source } from '../../../../domain/index.js'
import { escapeHtml } from '../../../../lib/html.js'
import { pageDate, personLine } from '../../../presenters.js'
import { DATE_FIELDS } from '../details/schemas.js'

/** The source passage of a value: the span marked, with some context either side. */
export function highlight(text: string, source: Source | null | undefined): string {
  if (source?.kind === 'file-name')
    return `Not printed in the report: taken from the file name, ${escapeHtml(source.fileName)}`
  if (!source || source.kind !== 'ingested') return 'Not read from the document'
  const from = Math.max(0, source.start - 120)
  const to = Math.min(text.length, source.end + 120)
  return `${from > 0 ? '…' : ''}${escapeHtml(text.slice(from, source.start))}<mark>${escapeHtml(text.slice(source.start, source.end))}</mark>${escapeHtml(text.slice(source.end, to))}${to < text.length ? '…' : ''}`
}

/** What was read of the details, each beside the passage it was read from. */
export function readDetails(
  a: Assessment,
  authority: { name: string; code: string } | null | undefined,
  passage: (s: Source | null | undefined) => string,
) {
  return [
    {
      label: 'Authority',
      value: authority ? `${authority.name} (${authority.code})` : null,
      passage: passage(a.provenance.authorityCode),
    },
    ...DATE_FIELDS.map(d => ({
      label: d.label,
      value: pageDate(a.dates[d.name]),
      passage: passage(a.provenance[`dates.${d.name}`]),
    })),
    { label: 'Addressee', value: personLine(a.addressee), passage: passage(a.provenance.addressee) },
    {
      label: 'Signatories',
      value: a.signatories.map(personLine).join('; ') || null,
      passage: passage(a.provenance.signatories),
    },
    {
      label: 'Reporting inspector',
      value: personLine(a.reportingInspector),
      passage: passage(a.provenance.reportingInspector),
    },
  ]
}
