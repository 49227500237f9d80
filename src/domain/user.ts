import { z } from 'zod'
import { type Actor, RoleSchema } from './actor.js'

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter an email address in the correct format, like name@example.org')

/** Long enough to resist guessing; no composition rules (NCSC guidance). */
export const PasswordSchema = z
  .string()
  .min(12, 'The password must be at least 12 characters long')
  .max(256, 'The password must be 256 characters or fewer')

export const UserSchema = z.strictObject({
  id: z.uuid(),
  email: EmailSchema,
  name: z.string().trim().min(1),
  role: RoleSchema,
  /** An authority officer is bound to one authority; nobody else is. */
  authorityCode: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string().datetime({ offset: true }),
})
export type User = z.infer<typeof UserSchema>

export const NewUserSchema = z
  .strictObject({
    email: EmailSchema,
    name: z.string().trim().min(1, 'Enter the person’s name').max(200),
    role: RoleSchema,
    authorityCode: z
      .string()
      .trim()
      .regex(/^E\d{8}$/, 'Enter the authority’s GSS code, like E09000020')
      .nullable(),
    password: PasswordSchema,
  })
  .refine(u => (u.role === 'authority-officer') === (u.authorityCode !== null), {
    message: 'An authority officer needs an authority; other roles must not have one',
    path: ['authorityCode'],
  })
export type NewUser = z.infer<typeof NewUserSchema>

export function actorOf(user: User): Actor {
  return { id: user.id, role: user.role, ...(user.authorityCode ? { authorityCode: user.authorityCode } : {}) }
}
