import {
  addRecommendation,
  type Context,
  createAssessment,
  moveAssessment,
  recordJudgement,
  updateDetails,
} from '../../src/app/assessments.js'
import type { Assessment } from '../../src/domain/index.js'
import { inspector, qa } from '../domain/support.js'

/** The areas of an APA 2007 letter. */
export const APA_GOOD = [
  'overall-effectiveness',
  'being-healthy',
  'staying-safe',
  'enjoying-and-achieving',
  'making-a-positive-contribution',
  'achieving-economic-well-being',
  'capacity-to-improve',
]

/**
 * An APA 2007 assessment of Kensington and Chelsea, every area good, with one recommendation the letter follows up,
 * taken to publication (or to the factual accuracy check).
 */
export async function publishedApa(
  ctx: Context,
  status: 'published' | 'factual-accuracy-check' = 'published',
): Promise<Assessment> {
  let a = await createAssessment(ctx, inspector, { frameworkId: 'apa-2007', authorityCode: 'E09000020' })
  for (const areaId of APA_GOOD) a = await recordJudgement(ctx, inspector, a.id, a.version, { areaId, grade: 3 })
  a = await updateDetails(ctx, inspector, a.id, a.version, { dates: { letter: '2007-11-26' } })
  a = await addRecommendation(ctx, inspector, a.id, a.version, {
    areaId: 'being-healthy',
    text: 'Evaluate joint services',
    timescaleId: 'in-the-next-six-months',
  })
  a = await moveAssessment(ctx, inspector, a.id, a.version, 'quality-assurance')
  a = await moveAssessment(ctx, qa, a.id, a.version, 'factual-accuracy-check')
  return status === 'published' ? moveAssessment(ctx, qa, a.id, a.version, 'published') : a
}
