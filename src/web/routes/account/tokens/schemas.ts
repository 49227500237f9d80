import { z } from 'zod'

/** A new token's name, as a person's form and an administrator's take it: saying which program uses it. */
export const TokenName = z
  .string()
  .refine(name => name.trim() !== '', 'Enter a name for the token, saying which program uses it')
