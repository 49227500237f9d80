import { describe, expect, it } from 'vitest'
import { NewUserSchema } from '../../src/domain/user.js'

describe('a new user, as the administrator’s form names its problems', () => {
  it('says what to do about a role that is not one, never a validator’s words', () => {
    const r = NewUserSchema.safeParse({
      email: 'a@example.org',
      name: 'x'.repeat(201),
      role: 'boss',
      authorityCode: null,
      password: 'a long enough password',
    })
    expect(r.success).toBe(false)
    const messages = r.error?.issues.map(i => `${i.path.join('.')}: ${i.message}`)
    expect(messages).toEqual(['name: The name must be 200 characters or fewer', 'role: Choose the person’s role'])
  })
})
