import type { Authority, Role } from '../../../domain/index.js'
import { ROLE_LABELS } from '../../../domain/index.js'

/** A select of authorities by name, the empty choice first. */
export const authorityItems = (authorities: readonly Authority[], empty: string, selected: string | undefined) => [
  { value: '', text: empty },
  ...authorities.map(a => ({ value: a.code, text: a.name, selected: selected === a.code })),
]

/** A select of roles in words. */
export const roleItems = (roles: readonly Role[], selected: string | undefined) =>
  roles.map(r => ({ value: r, text: ROLE_LABELS[r], selected: selected === r }))
