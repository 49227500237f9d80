import { z } from 'zod'

/**
 * A form's text fields. A value sent as anything but text (a JSON body's number or list, say) is left out, as if the
 * field were not sent: the form's own checks then name it, and a request never fails on its shape.
 */
export function textFields(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {}
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

/** One problem with what a form was sent: the field it is about, and what to do, in GOV.UK's words. */
export interface FieldProblem {
  field: string
  text: string
}

/**
 * The GOV.UK error summary of a form: every problem, in the order the form's fields come (those of a field not in
 * `order` last), each linking to its field; and each field's first problem, shown beside it.
 */
export function summaryOf(
  problems: readonly FieldProblem[],
  order: readonly string[],
  href: (field: string) => string = field => `#${field}`,
) {
  const place = (p: FieldProblem) => (order.includes(p.field) ? order.indexOf(p.field) : order.length)
  const sorted = problems.map((p, i) => ({ p, i })).sort((a, b) => place(a.p) - place(b.p) || a.i - b.i)
  const fieldErrors: Record<string, string> = {}
  for (const { p } of sorted) fieldErrors[p.field] ??= p.text
  return { errors: sorted.map(({ p }) => ({ text: p.text, href: href(p.field) })), fieldErrors }
}

/** A query or form field that may be left empty: '' counts as not given. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(v => (v === '' || v === undefined ? undefined : v), schema.optional())

/** How many items a page of a list shows. */
export const PAGE_SIZE = 20

/** The page of a list asked for (1 where none is), with what is wrong named for the list. */
export const pageNumber = (list: string) =>
  optional(
    z.coerce
      .number(`Enter the page of ${list} as a number, like 2`)
      .int(`Enter the page of ${list} as a whole number, like 2`)
      .min(1, `The page of ${list} must be 1 or more`)
      .max(100_000, `The page of ${list} must be 100000 or less`),
  ).default(1)
