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
  /** A program's account, made by an administrator: it has no password and its tokens act as itself. */
  service: z.boolean(),
  createdAt: z.string().datetime({ offset: true }),
})
export type User = z.infer<typeof UserSchema>

export const NewUserSchema = z
  .strictObject({
    email: EmailSchema,
    name: z.string().trim().min(1, 'Enter the person’s name').max(200, 'The name must be 200 characters or fewer'),
    role: z.enum(RoleSchema.options, { error: 'Choose the person’s role' }),
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

/** The roles a program may act in: never an administrator's, and never a quality assurer's (publishing is a person's). */
export const SERVICE_ROLES = ['inspector', 'authority-officer'] as const

export const NewServiceAccountSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'Enter a name for the service account, saying which program uses it').max(200),
    role: z.enum(SERVICE_ROLES, {
      error: 'Choose inspector or authority officer: a program may not publish or administer',
    }),
    authorityCode: z
      .string()
      .trim()
      .regex(/^E\d{8}$/, 'Enter the authority’s GSS code, like E09000020')
      .nullable(),
  })
  .refine(u => (u.role === 'authority-officer') === (u.authorityCode !== null), {
    message: 'An authority officer needs an authority; other roles must not have one',
    path: ['authorityCode'],
  })
