import { describe, expect, it } from 'vitest'
import {
  type Actor,
  isAdministrator,
  isAuthorityOfficer,
  isStaff,
  maySeeJob,
  maySign,
  maySubmitJob,
  ROLES,
  type Role,
} from '../../src/domain/index.js'

const actorAs = (role: Role): Actor =>
  role === 'authority-officer' ? { id: role, role, authorityCode: 'E09000020' } : { id: role, role }

/** Who may do what is decided here, and only here (issue 14): the web, API and CLI ask these. */
describe('the policy', () => {
  it('says which role each kind of person is, and nobody for the public', () => {
    const who = (test: (a: Actor | null) => boolean) => ROLES.filter(r => test(actorAs(r)))
    expect(who(isStaff)).toEqual(['inspector', 'quality-assurer'])
    expect(who(isAuthorityOfficer)).toEqual(['authority-officer'])
    expect(who(isAdministrator)).toEqual(['administrator'])
    expect(who(a => maySign(a as Actor))).toEqual(['quality-assurer'])
    for (const test of [isStaff, isAuthorityOfficer, isAdministrator]) expect(test(null)).toBe(false)
  })

  it('lets an administrator see every job and anyone else only their own', () => {
    const job = { submittedBy: { id: 'inspector' } }
    expect(ROLES.filter(r => maySeeJob({ ...actorAs(r), id: 'someone' }, job))).toEqual(['administrator'])
    expect(maySeeJob(actorAs('inspector'), job)).toBe(true)
    expect(maySeeJob(null, job)).toBe(false)
    expect(ROLES.filter(r => maySubmitJob(actorAs(r), 'data-import'))).toEqual(['administrator'])
    expect(ROLES.filter(r => maySubmitJob(actorAs(r), 'print'))).not.toContain('authority-officer')
  })
})
