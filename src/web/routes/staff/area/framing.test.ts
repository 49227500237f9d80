import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browserless, type RunningService, startService, tokenFor } from '../../../../../test/support/web.js'
import { createAssessment, recordJudgement } from '../../../../app/assessments.js'
import { type Actor, getFramework } from '../../../../domain/index.js'
import { toText } from '../../../../render/document.js'
import { layout } from '../../../../render/structures.js'

describe('the area editor shows the framework’s fixed paragraphs printed around the inspector’s words', () => {
  let s: RunningService
  let inspector: Browserless
  beforeAll(async () => {
    s = await startService()
    inspector = new Browserless(s.base)
    await inspector.signIn(s.users.inspector.email)
  })
  afterAll(async () => s.close())

  const actor = (): Actor => ({ id: s.users.inspector.id, role: 'inspector' })
  const f = getFramework('apa-2006')
  const path = (id: string) => `/staff/assessments/${id}/areas/being-healthy`
  // The letter as laid out so far (it is rendered for publication only once every grade it requires is in).
  const printed = async (id: string) =>
    toText({
      title: '',
      draft: false,
      blocks: layout({ a: await s.store.assessments.get(id), f, authorityName: 'Kensington and Chelsea' }),
    })

  it('shows the 2006 opening the letter prints, and prints the inspector’s own instead once written', async () => {
    const draft = await createAssessment(s.ctx, actor(), { frameworkId: 'apa-2006', authorityCode: 'E09000020' })
    const graded = await recordJudgement(s.ctx, actor(), draft.id, draft.version, {
      areaId: 'being-healthy',
      grade: 3,
      narrative: 'Health services reach most families.',
    })
    const fixed = 'The council makes a good contribution in this area.'
    expect(await printed(draft.id)).toContain(fixed)
    const page = await (await inspector.fetch(path(draft.id))).text()
    expect(page).toMatch(
      /The report prints the framework’s fixed paragraph here:<\/p>\s*<div[^>]*data-qa="framing-printed">/,
    )
    expect(page).toContain(fixed)
    expect(page).toContain('name="framing:opening:being-healthy"')

    const saved = await inspector.post(path(draft.id), {
      version: String(graded.version),
      grade: '3',
      narrative: 'Health services reach most families.',
      'framing:opening:being-healthy': 'Health is a strength of the council.',
    })
    expect(saved.status).toBe(303)
    const text = await printed(draft.id)
    expect(text).toContain('Health is a strength of the council.\n\nHealth services reach most families.')
    expect(text).not.toContain(fixed)
    const again = await (await inspector.fetch(path(draft.id))).text()
    expect(again).toContain('The report prints your own wording here:')
    expect(again).not.toContain(fixed)
  })

  it('takes the inspector’s own wording through the API too', async () => {
    const draft = await createAssessment(s.ctx, actor(), { frameworkId: 'apa-2006', authorityCode: 'E09000020' })
    const token = await tokenFor(s, s.users.inspector)
    const res = await fetch(`${s.base}/api/v1/assessments/${draft.id}/judgements/being-healthy`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': `"v${draft.version}"`,
      },
      body: JSON.stringify({ grade: 2, framing: { 'opening:being-healthy': 'Health is a strength.' } }),
    })
    expect(res.status).toBe(200)
    expect((await s.store.assessments.get(draft.id)).framing).toEqual({
      'opening:being-healthy': 'Health is a strength.',
    })
    expect(await printed(draft.id)).not.toContain('contribution in this area')
  })

  it('refuses wording for a place the layout prints no framing paragraph in, with a 400 naming it', async () => {
    const draft = await createAssessment(s.ctx, actor(), { frameworkId: 'apa-2006', authorityCode: 'E09000020' })
    const res = await inspector.post(path(draft.id), {
      version: String(draft.version),
      grade: '3',
      'framing:opening:staying-safe': 'Not this area’s.',
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('prints no framing paragraph &quot;opening:staying-safe&quot;')
    expect((await s.store.assessments.get(draft.id)).framing).toEqual({})
  })
})
