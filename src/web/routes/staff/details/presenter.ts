import type { DateParts, Dates } from '../../../../domain/index.js'
import { DATE_FIELDS, type DateError, DETAIL_ORDER } from './schemas.js'

/** The error summary of the details form: every problem in the form's order, a date's linking to its first wrong box. */
export function detailsErrors(fields: Record<string, string>, dates: Partial<Record<keyof Dates, DateError>> = {}) {
  return DETAIL_ORDER.flatMap(name => {
    const date = dates[name as keyof Dates]
    if (date) return [{ text: date.message, href: `#${name}-${date.parts[0] ?? 'day'}` }]
    return fields[name] ? [{ text: fields[name], href: `#${name}` }] : []
  })
}

/** Each date of the form as the GOV.UK date input's three boxes, those with a problem marked. */
export function dateFields(values: Record<string, unknown>, dates: Partial<Record<keyof Dates, DateError>> = {}) {
  return DATE_FIELDS.map(d => {
    const error = dates[d.name]
    const shown = values[d.name] as DateParts
    return {
      ...d,
      errorMessage: error ? { text: error.message } : undefined,
      items: (['day', 'month', 'year'] as const).map(part => ({
        name: part,
        label: { day: 'Day', month: 'Month', year: 'Year' }[part],
        value: shown[part],
        classes: `govuk-input--width-${part === 'year' ? 4 : 2}${error?.parts.includes(part) ? ' govuk-input--error' : ''}`,
      })),
    }
  })
}
