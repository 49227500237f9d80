import { existsSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'
import { addUser } from '../../src/app/users.js'
import { AUTHORITIES } from '../../src/domain/index.js'
import { freshPglite, testContext } from '../support/stores.js'

describe('fresh PGlite stores for tests', () => {
  it('are copies of one store migrated for the whole run, each apart from the others', async () => {
    const template = inject('pgliteTemplate')
    expect(template && existsSync(template)).toBe(true)
    const [a, b] = [await freshPglite(), await freshPglite()]
    try {
      expect(a.migrationsApplied).toEqual([])
      expect(await a.authorities.list()).toHaveLength(AUTHORITIES.length)
      await addUser(testContext(a), null, {
        email: 'a@example.org',
        name: 'Ada',
        role: 'administrator',
        authorityCode: null,
        password: 'a long enough password',
      })
      expect(await a.users.count()).toBe(1)
      expect(await b.users.count()).toBe(0)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})
