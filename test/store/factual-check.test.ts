import { afterAll, describe, expect, it } from 'vitest'
import { moveAssessment } from '../../src/app/assessments.js'
import { addComment, answerComment } from '../../src/app/comments.js'
import type { Actor } from '../../src/domain/index.js'
import { BACKENDS, dropTestDatabases, testContext } from '../support/stores.js'
import { ratingAt } from '../support/web.js'

const officer: Actor = { id: 'officer-1', role: 'authority-officer', authorityCode: 'E09000020' }
const qa: Actor = { id: 'qa-2', role: 'quality-assurer' }
const postgres = BACKENDS.find(b => b.name === 'PostgreSQL')

describe.runIf(postgres?.available)('the factual accuracy check on PostgreSQL', () => {
  afterAll(dropTestDatabases)

  it('takes a comment and the publication that checks every comment is answered one after the other', async () => {
    const store = await (postgres as NonNullable<typeof postgres>).open()
    try {
      const ctx = testContext(store)
      const a = await ratingAt(ctx, 'E09000020', 'factual-accuracy-check')
      let release = () => {}
      const held = new Promise<void>(r => {
        release = r
      })
      let locked = () => {}
      const taken = new Promise<void>(r => {
        locked = r
      })
      // A transaction holds the check, as a publication does while it checks the answers.
      const holder = store.transaction(async tx => {
        await tx.commentAnswers.lock(a.id)
        locked()
        await held
      })
      await taken
      let done = false
      const comment = addComment(ctx, officer, 'Olive', a.id, { section: 'general', text: 'A fact.' }).then(c => {
        done = true
        return c
      })
      await new Promise(r => setTimeout(r, 300))
      expect(done).toBe(false)
      release()
      await holder
      const c = await comment
      // The comment is in; publishing is refused until it is answered, then goes through.
      await expect(moveAssessment(ctx, qa, a.id, a.version, 'published')).rejects.toThrow(/unanswered/)
      await answerComment(ctx, qa, 'Quinn', a.id, c.id, { outcome: 'accepted', text: 'Changed.' })
      expect((await moveAssessment(ctx, qa, a.id, a.version, 'published')).status).toBe('published')
      await expect(addComment(ctx, officer, 'Olive', a.id, { section: 'general', text: 'Late.' })).rejects.toThrow(
        /No assessment/,
      )
      // Answers are appended, never changed.
      await expect(store.db.updateTable('comment_answers').set({ text: 'Rewritten' }).execute()).rejects.toThrow(
        /append-only/,
      )
    } finally {
      await store.close()
    }
  })
})
