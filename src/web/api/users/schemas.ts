import { z } from 'zod'
import { ROLES, SERVICE_ROLES, UserSchema } from '../../../domain/index.js'

export const UserList = z.array(UserSchema)

export const UserBody = z.strictObject({
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  authorityCode: z.string().nullable().default(null),
  password: z.string(),
})

/** A user's or a token's id. */
export const UuidId = z.object({ id: z.uuid() })

export const UserChangeBody = z.strictObject({
  role: z.enum(ROLES).optional(),
  authorityCode: z.string().nullable().optional(),
  active: z.boolean().optional(),
})

export const TokenBody = z.strictObject({ userId: z.uuid().optional(), name: z.string().min(1).max(200) })

export const TokenCreated = z.object({ id: z.uuid(), token: z.string() })

export const ServiceAccountBody = z.strictObject({
  name: z.string().min(1).max(200),
  role: z.enum(SERVICE_ROLES),
  authorityCode: z.string().nullable().default(null),
})
