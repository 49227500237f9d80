import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browserless, type RunningService, readJson, startService, tokenFor } from '../../../../../test/support/web.js'
import { createAssessment } from '../../../../app/assessments.js'
import type { Actor } from '../../../../domain/index.js'

describe('writing a report from scratch on the web and through the API', () => {
  let s: RunningService
  let inspector: Browserless
  let token: string
  beforeAll(async () => {
    s = await startService()
    inspector = new Browserless(s.base)
    await inspector.signIn(s.users.inspector.email)
    token = await tokenFor(s, s.users.inspector)
  })
  afterAll(async () => s.close())

  const actor = (): Actor => ({ id: s.users.inspector.id, role: 'inspector' })
  const draft = (frameworkId: string) => createAssessment(s.ctx, actor(), { frameworkId, authorityCode: 'E09000020' })

  it('offers only what the framework’s layout prints', async () => {
    const report = await draft('slac-2012')
    const page = await (await inspector.fetch(`/staff/assessments/${report.id}/details`)).text()
    for (const id of ['about', 'serviceInformation', 'summary', 'numberedParagraphs', 'reportingInspectorTitle'])
      expect(page, id).toContain(`id="${id}"`)
    for (const id of ['salutation', 'addresseeName', 'addressLines']) expect(page, id).not.toContain(`id="${id}"`)
    const letter = await draft('rating-2009')
    const form = await (await inspector.fetch(`/staff/assessments/${letter.id}/details`)).text()
    for (const id of ['salutation', 'addresseeName', 'addresseeOrganisation', 'addressLines'])
      expect(form, id).toContain(`id="${id}"`)
    for (const id of ['about', 'serviceInformation', 'numberedParagraphs', 'reportingInspector'])
      expect(form, id).not.toContain(`id="${id}"`)
    // The 2009 letter prints no strengths; the 2012 report prints them in each section.
    const rating = await (
      await inspector.fetch(`/staff/assessments/${letter.id}/areas/childrens-services-rating`)
    ).text()
    expect(rating).not.toContain('id="strengths"')
    const area = await (
      await inspector.fetch(`/staff/assessments/${report.id}/areas/safeguarding.quality-of-provision`)
    ).text()
    expect(area).toContain('id="strengths"')
    expect(area).toContain('id="areasForDevelopment"')
    // The 2006 letter prints the children's services grade in its table only.
    const apa = await draft('apa-2006')
    const overall = await (await inspector.fetch(`/staff/assessments/${apa.id}/areas/childrens-services`)).text()
    expect(overall).not.toContain('id="narrative"')
    expect(overall).toContain('data-qa="no-narrative"')
  })

  it('saves a 2012 report’s sections, its inspector and title, numbered paragraphs and an area’s strengths', async () => {
    const a = await draft('slac-2012')
    const saved = await inspector.post(`/staff/assessments/${a.id}/details`, {
      version: '1',
      'published-day': '29',
      'published-month': '5',
      'published-year': '2012',
      reportingInspector: 'Stephen Hart',
      reportingInspectorTitle: 'HMI',
      about: 'The inspection team met staff.\r\n\r\nInspectors read case files.',
      serviceInformation: 'The borough has 38 schools.',
      summary: 'Services are good.',
      numberedParagraphs: 'yes',
    })
    expect(saved.status).toBe(303)
    const judged = await inspector.post(`/staff/assessments/${a.id}/areas/safeguarding.quality-of-provision`, {
      version: '2',
      grade: '2',
      narrative: 'The quality of provision is good.',
      strengths: 'Strong partnerships\r\nTimely assessments',
      areasForDevelopment: 'Recording of decisions',
    })
    expect(judged.status).toBe(303)
    const stored = await s.store.assessments.get(a.id)
    expect(stored).toMatchObject({
      reportingInspector: { name: 'Stephen Hart', title: 'HMI', organisation: null },
      about: 'The inspection team met staff.\r\n\r\nInspectors read case files.',
      serviceInformation: 'The borough has 38 schools.',
      summary: 'Services are good.',
      numberedParagraphs: true,
      judgements: [
        {
          areaId: 'safeguarding.quality-of-provision',
          strengths: ['Strong partnerships', 'Timely assessments'],
          areasForDevelopment: ['Recording of decisions'],
        },
      ],
    })
    const work = await (await inspector.fetch(`/staff/assessments/${a.id}`)).text()
    expect(work).toContain('Stephen Hart, HMI')
    // Unticked, the box turns the numbering off.
    await inspector.post(`/staff/assessments/${a.id}/details`, {
      version: '3',
      'published-day': '29',
      'published-month': '5',
      'published-year': '2012',
    })
    expect((await s.store.assessments.get(a.id)).numberedParagraphs).toBe(false)
  })

  it('saves a letter’s addressee, address and salutation, and progress on an earlier recommendation', async () => {
    const a = await draft('apa-2007')
    const saved = await inspector.post(`/staff/assessments/${a.id}/details`, {
      version: '1',
      'letter-day': '26',
      'letter-month': '11',
      'letter-year': '2007',
      addresseeName: 'Mrs Anne Marie Carrie',
      addresseeTitle: 'Executive Director',
      addresseeOrganisation: 'Royal Borough of Kensington and Chelsea',
      addressLines: 'Town Hall\r\nHornton Street\r\n',
      salutation: 'Dear Ms Carrie',
    })
    expect(saved.status).toBe(303)
    const added = await inspector.post(`/staff/assessments/${a.id}/recommendations`, {
      version: '2',
      text: 'Reduce re-referrals.',
      areaId: 'staying-safe',
      timescaleId: 'in-the-next-six-months',
      progress: 'Re-referrals have fallen.',
    })
    expect(added.status).toBe(303)
    const stored = await s.store.assessments.get(a.id)
    expect(stored).toMatchObject({
      addressee: {
        name: 'Mrs Anne Marie Carrie',
        title: 'Executive Director',
        organisation: 'Royal Borough of Kensington and Chelsea',
      },
      addressLines: ['Town Hall', 'Hornton Street'],
      salutation: 'Dear Ms Carrie',
      recommendations: [{ text: 'Reduce re-referrals.', progress: 'Re-referrals have fallen.' }],
    })
  })

  it('gives a bad answer back at its field, with status 400 and nothing saved', async () => {
    const a = await draft('apa-2008')
    const res = await inspector.post(`/staff/assessments/${a.id}/details`, {
      version: '1',
      addresseeName: 'Mr Patrick Leeson',
      addressLines: 'Guildhall 2',
      salutation: 'Hello Mr Leeson',
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('href="#salutation"')
    expect(html).toContain('A salutation is written as the letter prints it')
    // Address lines stand below the organisation.
    expect(html).toContain('href="#addressLines"')
    expect(html).toContain('value="Hello Mr Leeson"')
    const progress = await inspector.post(`/staff/assessments/${a.id}/recommendations`, {
      version: '1',
      text: 'Act.',
      timescaleId: 'area-for-development',
      progress: 'Some progress.',
    })
    expect(progress.status).toBe(400)
    expect(await progress.text()).toContain('href="#recommendation-progress"')
    expect((await s.store.assessments.get(a.id)).version).toBe(1)
  })

  it('takes the same details through the API, and refuses one the layout never prints with a 400 naming it', async () => {
    const a = await draft('lac-2013')
    const patch = (body: unknown, v: number) =>
      fetch(`${s.base}/api/v1/assessments/${a.id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"v${v}"` },
        body: JSON.stringify(body),
      })
    const ok = await patch({ about: 'About it.', serviceInformation: 'Services.', numberedParagraphs: true }, 1)
    expect(ok.status).toBe(200)
    expect(await readJson(ok)).toMatchObject({
      about: 'About it.',
      serviceInformation: 'Services.',
      numberedParagraphs: true,
    })
    const refused = await patch({ salutation: 'Dear Ms Carrie' }, 2)
    expect(refused.status).toBe(400)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    const problem = await readJson(refused)
    expect(problem.detail).toMatch(/prints no salutation/)
    expect(problem.problems).toEqual([expect.stringMatching(/^salutation: /)])
    const badType = await patch({ numberedParagraphs: 'yes' }, 2)
    expect(badType.status).toBe(400)
    expect((await readJson(badType)).problems.join(' ')).toContain('body.numberedParagraphs')
  })
})
