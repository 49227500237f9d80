import type { Response } from 'express'
import { escapeHtml } from '../../../../lib/html.js'
import type { ApiToken } from '../../../../store/users.js'

/** A new token's banner: shown once, on this response only, which nothing may keep; only its hash is stored. */
export function shownOnce(res: Response, token: string): string {
  res.set('Cache-Control', 'no-store')
  return `<p class="govuk-notification-banner__heading">Token created. Copy it now: it will not be shown again.</p><p class="govuk-body"><code data-qa="new-token">${escapeHtml(token)}</code></p>`
}

/** A token in a list: the days it was created and revoked. */
export const tokenRow = <T extends Pick<ApiToken, 'createdAt' | 'revokedAt'>>(t: T) => ({
  ...t,
  createdAt: t.createdAt.slice(0, 10),
  revokedAt: t.revokedAt?.slice(0, 10) ?? null,
})
