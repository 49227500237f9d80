import {
  type Assessment,
  DATE_NAMES,
  type DatePart,
  type DateParts,
  type Dates,
  type DetailsInput,
  detailsProblems,
  type Framework,
  isoFromParts,
  partsOf,
  printsOf,
} from '../../../../domain/index.js'
import { lines } from '../form.js'

/** The dates of a letter or report, as its forms and summaries name them. */
export const DATE_FIELDS: { name: keyof Dates; label: string }[] = [
  { name: 'letter', label: 'Date of the letter' },
  { name: 'published', label: 'Date of publication' },
  { name: 'inspectionStart', label: 'First day of the inspection' },
  { name: 'inspectionEnd', label: 'Last day of the inspection' },
  { name: 'periodStart', label: 'Start of the period assessed' },
  { name: 'periodEnd', label: 'End of the period assessed' },
]

/** The details form's fields in the order it shows them: the order of its error summary. */
export const DETAIL_ORDER = [
  ...DATE_FIELDS.map(d => d.name),
  'addresseeName',
  'addresseeTitle',
  'addresseeOrganisation',
  'addressLines',
  'salutation',
  'reportingInspector',
  'reportingInspectorTitle',
  'about',
  'serviceInformation',
  'summary',
  'numberedParagraphs',
  'signatories',
]

/** The details form's field for each detail a problem can be in. */
const DETAIL_FIELD_IDS: Record<keyof DetailsInput, string> = {
  dates: 'letter',
  addressee: 'addresseeName',
  addressLines: 'addressLines',
  salutation: 'salutation',
  signatories: 'signatories',
  reportingInspector: 'reportingInspector',
  summary: 'summary',
  about: 'about',
  serviceInformation: 'serviceInformation',
  numberedParagraphs: 'numberedParagraphs',
}

/** The details a framework's layout prints, and so the details form offers. */
export function offeredDetails(f: Framework) {
  const prints = printsOf(f)
  return {
    addressee: prints.addressee,
    addressLines: prints.addressLines,
    salutation: prints.values.has('salutation'),
    reportingInspector: prints.values.has('inspector.name'),
    reportingInspectorTitle: prints.values.has('inspector.title'),
    summary: prints.values.has('summary'),
    about: prints.values.has('about'),
    serviceInformation: prints.values.has('serviceInformation'),
    numberedParagraphs: prints.numbered,
  }
}

/** A date's problem on the details form: what is said, and which of its three boxes are wrong. */
export type DateError = { message: string; parts: readonly DatePart[] }

/** The details form's answers as stored: each date as its three boxes. */
export const storedDetails = (a: Assessment): Record<string, unknown> => ({
  ...Object.fromEntries(DATE_FIELDS.map(d => [d.name, partsOf(a.dates[d.name])])),
  addresseeName: a.addressee?.name ?? '',
  addresseeTitle: a.addressee?.title ?? '',
  addresseeOrganisation: a.addressee?.organisation ?? '',
  addressLines: a.addressLines.join('\n'),
  salutation: a.salutation,
  reportingInspector: a.reportingInspector?.name ?? '',
  reportingInspectorTitle: a.reportingInspector?.title ?? '',
  summary: a.summary,
  about: a.about,
  serviceInformation: a.serviceInformation,
  numberedParagraphs: a.numberedParagraphs ? 'yes' : '',
})

/**
 * The details form read: what it changes (only what the framework prints), each date from its three boxes, and every
 * problem, a date's with its wrong boxes; the cross-checks (end after start, not in the future) of the domain.
 */
export function readDetailsForm(a: Assessment, f: Framework, body: Record<string, string>, today: string) {
  const fields: Record<string, string> = {}
  const dateErrors: Partial<Record<keyof Dates, DateError>> = {}
  const dates: Partial<Dates> = {}
  const boxes: Record<string, DateParts> = {}
  for (const d of DATE_FIELDS) {
    const box = (part: DatePart) =>
      (typeof body[`${d.name}-${part}`] === 'string' ? body[`${d.name}-${part}`] : '') as string
    boxes[d.name] = { day: box('day'), month: box('month'), year: box('year') }
    const parsed = isoFromParts(boxes[d.name] as DateParts, DATE_NAMES[d.name])
    if (parsed.ok) dates[d.name] = parsed.iso
    else dateErrors[d.name] = parsed
  }
  const text = (name: string, label: string, max = 100_000) => {
    const v = body[name] ?? ''
    if (v.length > max) fields[name] = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`
    return v
  }
  const offered = offeredDetails(f)
  const person = (name: string, title: string, organisation = '') =>
    name.trim() ? { name: name.trim(), title: title.trim() || null, organisation: organisation.trim() || null } : null
  const input: DetailsInput = {
    dates,
    ...(offered.addressee
      ? {
          addressee: person(
            text('addresseeName', 'The addressee’s name', 200),
            text('addresseeTitle', 'The addressee’s title', 200),
            text('addresseeOrganisation', 'The addressee’s organisation', 200),
          ),
        }
      : {}),
    ...(offered.addressLines ? { addressLines: lines(text('addressLines', 'The address', 2_000)) } : {}),
    ...(offered.salutation ? { salutation: text('salutation', 'The salutation', 200).trim() } : {}),
    ...(offered.reportingInspector
      ? {
          reportingInspector: person(
            text('reportingInspector', 'The reporting inspector’s name', 200),
            offered.reportingInspectorTitle ? text('reportingInspectorTitle', 'The title', 200) : '',
          ),
        }
      : {}),
    ...(offered.summary ? { summary: text('summary', 'The summary') } : {}),
    ...(offered.about ? { about: text('about', 'About this inspection') } : {}),
    ...(offered.serviceInformation ? { serviceInformation: text('serviceInformation', 'Service information') } : {}),
    ...(offered.numberedParagraphs ? { numberedParagraphs: body.numberedParagraphs === 'yes' } : {}),
  }
  // A date that could not be read is left out of the cross-checks: its own problem is said instead.
  const readable: DetailsInput = { ...input, dates: { ...a.dates, ...dates } }
  for (const p of detailsProblems(a, f, readable, today)) {
    if (p.date) {
      if (!dateErrors[p.date]) dateErrors[p.date] = { message: p.message, parts: ['day', 'month', 'year'] }
    } else fields[DETAIL_FIELD_IDS[p.field]] ??= p.message
  }
  return { input, boxes, fields, dateErrors }
}
