import { z } from 'zod'

export const ROLES = ['inspector', 'quality-assurer', 'authority-officer', 'administrator'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

/** Who is acting: a signed-in user, an API token's owner, or an operator at the command line. */
export interface Actor {
  id: string
  role: Role
  /** An authority officer is bound to one authority (GSS code). */
  authorityCode?: string
}

export const ROLE_LABELS: Record<Role, string> = {
  inspector: 'Inspector',
  'quality-assurer': 'Quality assurer',
  'authority-officer': 'Authority officer',
  administrator: 'Administrator',
}
