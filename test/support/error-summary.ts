/** The GOV.UK error summary's links on a page, in order: each error's href and words. */
export function summaryLinks(html: string): [string, string][] {
  const list = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
  return [...list.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map(m => [m[1] as string, m[2] as string])
}
