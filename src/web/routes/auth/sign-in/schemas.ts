import { z } from 'zod'

/** The sign-in form: an email address and password, and where to go once signed in. */
export const SignInForm = z.object({
  email: z.string().default(''),
  password: z.string().default(''),
  next: z.string().default(''),
})

/** The form's empty fields, each with what to do in GOV.UK's words. */
export function missingFields(body: z.infer<typeof SignInForm>): Record<string, string> {
  const fields: Record<string, string> = {}
  if (!body.email.trim()) fields.email = 'Enter your email address'
  if (!body.password) fields.password = 'Enter your password'
  return fields
}
