import { sql } from 'kysely'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createAssessment, moveAssessment, recordJudgement } from '../../src/app/assessments.js'
import { importData } from '../../src/app/data-import.js'
import {
  draftRatingNarrative,
  keepProfilesWarm,
  suggestAll,
  suggestForAssessment,
  whatIfReport,
  yearData,
} from '../../src/app/profile.js'
import { generateSynthetic, SYNTHETIC_ORDER } from '../../src/app/synthetic.js'
import { evaluateRules, ForbiddenError, getFramework, ValidationError } from '../../src/domain/index.js'
import { admin, inspector, qa } from '../domain/support.js'
import { BACKENDS, dropTestDatabases, storePerTest } from '../support/stores.js'

afterAll(dropTestDatabases)

const file = (header: string, ...rows: string[]) => `${[header, ...rows].join('\n')}\n`
const VALUES = 'authority_code,indicator,period,value,denominator'

for (const backend of BACKENDS)
  describe.runIf(backend.available)(`profile data on ${backend.name}`, () => {
    const t = storePerTest(backend)

    it('imports indicator values, England’s published figure apart, and reads them back by year', async () => {
      const r = await importData(
        t.ctx,
        admin,
        'indicators',
        file(
          VALUES,
          'E09000020,NI 62,2008-09,9.5,120',
          'E09000007,NI 62,2008-09,12,200',
          'E92000001,NI 62,2008-09,11,',
        ),
        { fileName: 'ni62.csv' },
      )
      expect(r).toMatchObject({ imported: 3, errors: [], replaced: 0, synthetic: false })
      const { values, england, synthetic } = await t.store.profile.indicatorValues(2009)
      expect(values.map(v => [v.authorityCode, v.value, v.denominator])).toEqual(
        expect.arrayContaining([
          ['E09000020', 9.5, 120],
          ['E09000007', 12, 200],
        ]),
      )
      expect(england.get('NI 62')).toBe(11)
      expect(synthetic).toBe(false)
    })

    it('keeps a year’s profile data while it is unchanged: an assessment’s edit leaves it, any write to it shows', async () => {
      const ni62 = async () =>
        (await yearData(t.ctx, 2009)).build('E09000020').indicators.find(c => c.indicator.code === 'NI 62')?.value
      await importData(t.ctx, admin, 'indicators', file(VALUES, 'E09000020,NI 62,2008-09,9.5,120'), {
        fileName: 'a.csv',
      })
      const reads = vi.spyOn(t.store.profile, 'indicatorValues')
      expect(await ni62()).toBe(9.5)
      const version = await t.store.profile.dataVersion()
      await createAssessment(t.ctx, inspector, { frameworkId: 'rating-2009', authorityCode: 'E09000020' })
      expect(await t.store.profile.dataVersion()).toBe(version)
      expect(await ni62()).toBe(9.5)
      expect(reads).toHaveBeenCalledTimes(1)
      await importData(t.ctx, admin, 'indicators', file(VALUES, 'E09000020,NI 62,2008-09,9.9,120'), {
        fileName: 'b.csv',
      })
      expect(await ni62()).toBe(9.9)
      // A write by hand (another process, a restore) moves the version as an import does.
      await sql`update indicator_values set value = 7`.execute(t.store.db)
      expect(await ni62()).toBe(7)
      expect(reads).toHaveBeenCalledTimes(3)
    })

    it('reads the profile data ahead, and again soon after it changes, so that no page waits for it', async () => {
      const ni62 = async () =>
        (await yearData(t.ctx, 2009)).build('E09000020').indicators.find(c => c.indicator.code === 'NI 62')?.value
      const importValue = (value: number) =>
        importData(t.ctx, admin, 'indicators', file(VALUES, `E09000020,NI 62,2008-09,${value},120`), {
          fileName: `${value}.csv`,
        })
      await importValue(9.5)
      const reads = vi.spyOn(t.store.profile, 'indicatorValues')
      const errors: Error[] = []
      const stop = keepProfilesWarm(t.ctx, 20, e => errors.push(e))
      try {
        await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1))
        expect(await ni62()).toBe(9.5)
        await importValue(9.9)
        await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(2))
        expect(await ni62()).toBe(9.9)
        // Read once for each version, by the keeper, never by the page.
        expect(reads).toHaveBeenCalledTimes(2)
        expect(errors).toEqual([])
      } finally {
        stop()
      }
    })

    it('lists every bad row with its line number and imports nothing; with skipBadRows, the good ones', async () => {
      const text = file(
        VALUES,
        'E09000020,NI 62,2008-09,9.5,120',
        'E99999999,NI 62,2008-09,9.5,120',
        'E09000020,NI 999,2008-09,9.5,120',
        'E09000007,NI 62,2008/09,9.5,120',
        'E09000033,NI 62,2008-09,104,120',
        'E09000019,NI 62,2004-05,10,120',
        'E09000001,NI 62,2008-09,ten,120',
        'E09000020,NI 62,2008-09,9.6,120',
        'E09000002,NI 62,2008-09,9.6,12.5',
        'E06000055,NI 62,2007-08,9.6,50',
        'E09000032,NI 58,2008-09,41,30',
      )
      const r = await importData(t.ctx, admin, 'indicators', text, { fileName: 'bad.csv' })
      expect(r.imported).toBe(0)
      expect(r.errors).toEqual([
        'line 3: unknown authority GSS code "E99999999" (England\'s figure uses E92000001)',
        'line 4: unknown indicator "NI 999"; import its definition first',
        'line 5: period "2008/09" is not a financial year (like 2008-09)',
        'line 6: value 104 is not a percentage between 0 and 100',
        'line 7: NI 62 is not used in 2005; it is used in 2009, 2010, 2011',
        'line 8: value "ten" is not a number',
        'line 9: the same entry as line 2 (NI 62 2009 E09000020)',
        'line 10: denominator 12.5 is not a whole number of 0 or more',
        'line 11: NI 62 is not used in 2008; it is used in 2009, 2010, 2011',
        'line 12: value 41 is outside what NI 58 allows (0 to 40)',
      ])
      expect((await t.store.profile.indicatorValues(2009)).values).toEqual([])
      expect(await t.store.profile.datasets()).toEqual([])
      const skipped = await importData(t.ctx, admin, 'indicators', text, { fileName: 'bad.csv', skipBadRows: true })
      expect(skipped).toMatchObject({ imported: 1, skipped: 10 })
      expect((await t.store.profile.indicatorValues(2009)).values).toHaveLength(1)
    })

    it('refuses a file of the wrong shape, naming the missing columns, and a non-administrator', async () => {
      await expect(
        importData(t.ctx, admin, 'settings', file(VALUES, 'x,y,z,1,2'), { fileName: 'v.csv' }),
      ).rejects.toThrow(/v\.csv is not a file of settings: it has no column "urn", "setting_type"/)
      await expect(importData(t.ctx, admin, 'indicators', file(VALUES), { fileName: 'empty.csv' })).rejects.toThrow(
        ValidationError,
      )
      await expect(
        importData(t.ctx, inspector, 'indicators', file(VALUES, 'E09000020,NI 62,2008-09,9.5,120'), { fileName: 'x' }),
      ).rejects.toThrow(ForbiddenError)
    })

    it('re-importing a period replaces it, with an audit entry; other periods stay', async () => {
      await importData(
        t.ctx,
        admin,
        'indicators',
        file(VALUES, 'E09000020,NI 62,2008-09,9.5,120', 'E09000020,NI 62,2009-10,8,120'),
        {
          fileName: 'first.csv',
        },
      )
      const again = await importData(t.ctx, admin, 'indicators', file(VALUES, 'E09000007,NI 62,2008-09,13,90'), {
        fileName: 'second.csv',
      })
      expect(again).toMatchObject({ imported: 1, replaced: 1 })
      expect((await t.store.profile.indicatorValues(2009)).values.map(v => v.authorityCode)).toEqual(['E09000007'])
      expect((await t.store.profile.indicatorValues(2010)).values.map(v => v.value)).toEqual([8])
      const audit = (await t.store.audit.all()).filter(e => e.action === 'data.import')
      expect(audit.map(e => [e.before, (e.after as { fileName: string }).fileName])).toEqual([
        [{ replaced: 0 }, 'first.csv'],
        [{ replaced: 1 }, 'second.csv'],
      ])
    })

    it('checks settings outcomes on the settings scale and replaces an authority’s year', async () => {
      const header = 'urn,setting_type,name,authority_code,year,inspection_date,overall_effectiveness'
      const bad = await importData(
        t.ctx,
        admin,
        'settings',
        file(
          header,
          '100001,primary-school,Hill School,E09000020,2009,2009-03-01,5',
          '100002,castle,Keep,E09000020,2009,2009-03-01,2',
          '100003,primary-school,Late School,E09000020,2009,2010-01-04,2',
        ),
        { fileName: 's.csv' },
      )
      expect(bad.errors).toEqual([
        'line 2: overall_effectiveness "5" is not on the settings scale (1 outstanding, 2 good, 3 satisfactory, 4 inadequate)',
        expect.stringMatching(/^line 3: unknown setting type "castle"; the types are: childminder, /),
        'line 4: inspection_date 2010-01-04 is after the year 2009 it counts for',
      ])
      await importData(
        t.ctx,
        admin,
        'settings',
        file(
          header,
          '100001,primary-school,Hill School,E09000020,2009,2009-03-01,2',
          '100004,childminder,A Minder,E09000020,2009,2008-05-01,3',
        ),
        { fileName: 's1.csv' },
      )
      const r = await importData(
        t.ctx,
        admin,
        'settings',
        file(header, '100001,primary-school,Hill School,E09000020,2009,2009-03-01,1'),
        { fileName: 's2.csv' },
      )
      expect(r.replaced).toBe(2)
      expect((await t.store.profile.settingOutcomes(2009)).outcomes).toEqual([
        { authorityCode: 'E09000020', type: 'primary-school', grade: 1 },
      ])
    })

    it('builds profiles from a synthetic national dataset, says it is synthetic, and answers what-if', async () => {
      const files = generateSynthetic({ years: [2009], indicators: 40, settings: 3000, seed: 7 })
      for (const kind of SYNTHETIC_ORDER) {
        const r = await importData(t.ctx, admin, kind, files[kind], { fileName: `${kind}.csv` })
        expect(r.errors, kind).toEqual([])
        expect(r.synthetic).toBe(true)
      }
      const data = await yearData(t.ctx, 2009)
      expect(data.synthetic).toBe(true)
      expect(await t.store.profile.syntheticIn(2009)).toBe(true)
      expect(await t.store.profile.syntheticIn(2011)).toBe(false)
      const p = data.build('E08000025')
      expect(p.indicators.length).toBe(40)
      expect(p.settingsOverall.count).toBeGreaterThan(0)
      // Today's councils have no neighbours loaded: no indicator is compared with similar areas, so the indicator
      // block has no data and no rating is suggested — until that block is switched off. The councils abolished
      // since (Dorset county, Poole…) have synthetic neighbours, which today's lookup cannot give them.
      expect(p.indicators.every(c => c.vsNeighbours === 'no-comparator' || c.vsNeighbours === 'no-polarity')).toBe(true)
      expect(data.build('E10000009').neighbours).toHaveLength(10)
      const w = await whatIfReport(t.ctx, 2009, 2009, 'indicator-block')
      expect(w.total).toBe(152)
      expect(w.rows.length).toBeGreaterThan(100)
      const current = w.rows.filter(
        r => !['E06000028', 'E06000029'].includes(r.authorityCode) && !r.authorityCode.startsWith('E10'),
      )
      expect(current.every(r => r.withRule === null && r.without !== null)).toBe(true)
      const all = await suggestAll(t.ctx, 2009, 2009)
      expect(all.filter(x => x.suggestion.grade !== null).map(x => x.authorityCode)).toEqual(
        expect.arrayContaining([
          'E06000028',
          'E06000029',
          'E10000002',
          'E10000006',
          'E10000009',
          'E10000021',
          'E10000023',
          'E10000027',
        ]),
      )
      expect(all[0]?.suggestion.note).toMatch(/holistic judgement/)
    })

    it('keeps the suggested rating on the assessment; a different grade needs a rationale; the narrative is drafted', async () => {
      const header = 'urn,setting_type,name,authority_code,year,inspection_date,overall_effectiveness'
      await importData(
        t.ctx,
        admin,
        'settings',
        file(
          header,
          ...Array.from(
            { length: 10 },
            (_, i) => `U${i},primary-school,School ${i},E09000020,2009,2009-01-01,${i < 9 ? 2 : 3}`,
          ),
        ),
        { fileName: 'settings.csv' },
      )
      await importData(
        t.ctx,
        admin,
        'indicators',
        file(VALUES, 'E09000020,NI 59,2008-09,80,300', 'E09000007,NI 59,2008-09,70,300'),
        {
          fileName: 'ni59.csv',
        },
      )
      await importData(
        t.ctx,
        admin,
        'neighbours',
        file(
          'la_code_new,stat_neighbours_la_code',
          'E09000020,"E09000007, E09000033, E09000019, E09000013, E09000032, E09000022, E09000027, E09000028, E09000012, E09000001"',
        ),
        { fileName: 'neighbours.csv' },
      )
      let a = await createAssessment(t.ctx, inspector, {
        frameworkId: 'rating-2009',
        authorityCode: 'E09000020',
        dates: { letter: '2009-12-09' },
      })
      a = await suggestForAssessment(t.ctx, inspector, a.id, a.version)
      expect(a.ratingSuggestion).toMatchObject({ grade: 4, dataYear: 2009, rulesYear: 2009 })
      const f = getFramework('rating-2009')
      a = await recordJudgement(t.ctx, inspector, a.id, a.version, {
        areaId: 'childrens-services-rating',
        grade: 3,
        narrative: 'The council performs well.',
      })
      const departure = evaluateRules(a, f).find(x => x.rule === 'profile-suggestion')
      // The rating is the inspector's holistic judgement, informed by the suggestion: a departure is advice.
      expect(departure).toMatchObject({ blocking: false, severity: 'warning', status: 'inferred' })
      expect(departure?.message).toContain('The profile suggests Performs excellently (4)')
      a = await moveAssessment(t.ctx, inspector, a.id, a.version, 'quality-assurance')
      a = await recordJudgement(t.ctx, qa, a.id, a.version, {
        areaId: 'childrens-services-rating',
        overrides: [
          {
            rule: 'profile-suggestion',
            rationale: 'Placement stability has fallen sharply since the data was collected.',
          },
        ],
      })
      expect(evaluateRules(a, f).find(x => x.rule === 'profile-suggestion')).toMatchObject({
        blocking: false,
        severity: 'info',
      })
      a = await draftRatingNarrative(t.ctx, qa, a.id, a.version)
      const narrative = a.judgements.find(j => j.areaId === 'childrens-services-rating')?.narrative
      expect(narrative).toContain("Children's services in Kensington and Chelsea perform well.")
      expect(narrative).toContain('The timeliness of initial assessments is well above similar areas')
      const actions = (await t.store.audit.forAssessment(a.id)).map(e => e.action)
      expect(actions).toContain('assessment.rating-suggestion')
      expect(actions).toContain('judgement.draft-narrative')
    })
  })
