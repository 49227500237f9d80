/** A select's items: the empty choice first, then the options, the one chosen selected. */
export const selectItems = (
  empty: string,
  options: readonly { value: string; text: string }[],
  selected: string | undefined,
) => [{ value: '', text: empty }, ...options.map(o => ({ ...o, selected: o.value === selected }))]

/** A search's choices as a download link's query: the page and the status are not choices of a download. */
export function downloadQuery(values: Readonly<Record<string, string>>): string {
  const p = new URLSearchParams()
  for (const k of ['authority', 'framework', 'year', 'level']) if (values[k]) p.set(k, values[k] as string)
  const s = p.toString()
  return s ? `?${s}` : ''
}
