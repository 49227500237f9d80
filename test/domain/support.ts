import { randomUUID } from 'node:crypto'
import {
  type Actor,
  type Assessment,
  createAssessment,
  getFramework,
  type JudgementInput,
  recordJudgement,
} from '../../src/domain/index.js'

export const NOW = new Date('2012-05-29T09:00:00Z')
export const inspector: Actor = { id: 'ins-1', role: 'inspector' }
export const qa: Actor = { id: 'qa-1', role: 'quality-assurer' }
export const officer: Actor = { id: 'la-1', role: 'authority-officer', authorityCode: 'E09000020' }
export const admin: Actor = { id: 'admin-1', role: 'administrator' }

/** A draft with the given grades recorded by an inspector. */
export function draftWith(
  frameworkId: string,
  grades: Record<string, number | Omit<JudgementInput, 'areaId'>>,
  authorityCode = 'E09000020',
): Assessment {
  const framework = getFramework(frameworkId)
  let a = createAssessment({ id: randomUUID(), framework, authorityCode }, inspector, NOW)
  for (const [areaId, g] of Object.entries(grades))
    a = recordJudgement(a, framework, typeof g === 'number' ? { areaId, grade: g } : { ...g, areaId }, inspector, NOW)
  return a
}

export const APA_ALL_GOOD = {
  'overall-effectiveness': 3,
  'being-healthy': 3,
  'staying-safe': 3,
  'enjoying-and-achieving': 3,
  'making-a-positive-contribution': 3,
  'achieving-economic-well-being': 3,
  'capacity-to-improve': 3,
}
