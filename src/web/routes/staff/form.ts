import { z } from 'zod'

/** The version of the assessment a staff form was filled in on: a change to a later one is refused as stale. */
export const Version = z.coerce.number().int().min(1)

/** What a form without its version is told, in words (never a validator's message). */
export const NO_VERSION = 'The form did not say which version you changed'

/** A form field's text, trimmed; '' where the form did not send it as text. */
export const fieldText = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name]
  return typeof v === 'string' ? v.trim() : ''
}

/** A text box's lines, each trimmed, the empty ones left out. */
export const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(Boolean)
