import { z } from 'zod'

/** The user page's other button: take the account's access away ('false'), or give it back ('true'). */
export const Active = z.enum(['true', 'false'])
