/** /la with its filter and page, leaving out what is the default. */
export function laHref(status: string | undefined, page: number, extra = ''): string {
  const q = new URLSearchParams()
  if (status) q.set('status', status)
  if (page > 1) q.set('page', String(page))
  if (extra) q.set('done', extra)
  const query = q.toString()
  return `/la${query ? `?${query}` : ''}#recommendations`
}
