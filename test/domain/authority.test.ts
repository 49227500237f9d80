import { describe, expect, it } from 'vitest'
import { AUTHORITIES, AuthorityIndex, coreName } from '../../src/domain/index.js'
import { LA_LOOKUP, readCsv, sharedAvailable } from '../support/shared.js'

const index = new AuthorityIndex(AUTHORITIES)

describe('authorities', () => {
  it('lists the 153 authorities with children’s services responsibility today, with unique GSS codes', () => {
    const current = AUTHORITIES.filter(a => a.validTo === null)
    expect(current).toHaveLength(153)
    expect(new Set(AUTHORITIES.map(a => a.code)).size).toBe(AUTHORITIES.length)
  })

  it('matches the names the seeds print', () => {
    expect(index.match('Royal Borough of Kensington and Chelsea')?.code).toBe('E09000020')
    expect(index.match('Kent County Council')?.code).toBe('E10000016')
    expect(index.match('Royal Borough of Kingston upon Thames')?.code).toBe('E09000021')
    expect(index.match('THE ROYAL BOROUGH OF KENSINGTON AND CHELSEA')?.code).toBe('E09000020')
  })

  it('tells Kingston upon Thames from Kingston upon Hull, and a name from its council style', () => {
    expect(index.match('Kingston upon Hull City Council')?.code).toBe('E06000010')
    expect(index.match('London Borough of Hammersmith & Fulham')?.code).toBe('E09000013')
    expect(coreName('Metropolitan Borough of St. Helens')).toBe('st helens')
  })

  it('uses the report’s date where a name has meant different authorities', () => {
    expect(
      index
        .candidates('Dorset County Council')
        .map(a => a.code)
        .sort(),
    ).toEqual(['E06000059', 'E10000009'])
    expect(index.match('Dorset County Council', '2008-12-17')?.code).toBe('E10000009')
    expect(index.match('Dorset Council', '2022-01-01')?.code).toBe('E06000059')
    expect(index.match('Northamptonshire', '2023-01-01')).toBeUndefined()
  })

  it('returns nothing for a name it does not know rather than guessing', () => {
    expect(index.match('Borsetshire County Council')).toBeUndefined()
  })

  it.runIf(sharedAvailable(LA_LOOKUP, 'authority list check against la-lookup.csv'))(
    'agrees with the independent lookup on every GSS code, LA code, name and region',
    () => {
      const rows = readCsv(LA_LOOKUP)
      expect(rows.length).toBeGreaterThan(150)
      const problems: string[] = []
      for (const row of rows) {
        const a = index.byCode(row.la_code_new ?? '')
        if (!a) {
          problems.push(`missing ${row.la_code_new} ${row.local_authority_ons_name}`)
          continue
        }
        if (a.laCode !== row.la_code) problems.push(`${a.code}: LA code ${a.laCode} vs ${row.la_code}`)
        const names = [
          row.local_authority_ons_name ?? '',
          ...(row.also_known_as ?? '').replace(/[[\]]/g, '').split(','),
        ]
        if (!names.some(n => n.trim() && index.candidates(n.trim()).includes(a)))
          problems.push(`${a.code}: name ${a.name} vs ${row.local_authority_ons_name}`)
        // The lookup leaves some regions blank or "NotKnown"; where it names one, it must be ours.
        if (row.region_name && row.region_name !== a.region)
          problems.push(`${a.code}: region ${a.region} vs ${row.region_name}`)
        // The lookup calls some post-2019 unitary councils "County"; the GSS prefix E06 says unitary authority.
        const type = row.ons_la_type?.toLowerCase()
        if (type && type !== a.type.toLowerCase() && !(type === 'county' && a.code.startsWith('E06')))
          problems.push(`${a.code}: type ${a.type} vs ${row.ons_la_type}`)
      }
      const lookupCodes = new Set(rows.map(r => r.la_code_new))
      for (const a of AUTHORITIES.filter(x => x.validTo === null))
        if (!lookupCodes.has(a.code)) problems.push(`not in lookup: ${a.code} ${a.name}`)
      expect(problems).toEqual([])
    },
  )
})
