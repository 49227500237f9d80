import { z } from 'zod'

const SourceUrl = z
  .url({ protocol: /^https?$/, error: 'Enter the address the report was published at, starting http:// or https://' })
  .max(2000, 'Enter an address of 2,000 characters or fewer')

/**
 * Where an uploaded report came from, as its uploader gave it (optional): an http(s) address, kept with the original
 * as the API's `sourceUrl` is.
 */
export function sourceUrlOf(
  fields: unknown,
): { ok: true; url: string | null; text: string } | { ok: false; error: string; text: string } {
  const raw = (fields as { sourceUrl?: unknown } | undefined)?.sourceUrl
  const text = typeof raw === 'string' ? raw.trim() : ''
  if (raw !== undefined && typeof raw !== 'string') return { ok: false, error: 'Enter one address', text }
  if (text === '') return { ok: true, url: null, text }
  const parsed = SourceUrl.safeParse(text)
  return parsed.success
    ? { ok: true, url: parsed.data, text }
    : { ok: false, error: parsed.error.issues[0]?.message ?? 'Enter a web address', text }
}
