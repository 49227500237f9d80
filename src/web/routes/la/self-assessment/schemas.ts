import { areaTitle, FRAMEWORKS, type Framework } from '../../../../domain/index.js'
import type { FieldProblem } from '../../../form.js'
import { MAX_TEXT } from '../../staff/evidence/schemas.js'

/** The frameworks whose inspections keep evidence, and so take a council's self-assessment. */
export const WITH_EVIDENCE = FRAMEWORKS.filter(f => f.evidence)

/** The areas a council grades itself on: the framework's graded areas, in its order. */
export const gradedAreas = (f: Framework) => f.areas.filter(x => x.grade !== 'none')

/** The form's fields in the order it shows them: the framework, the year, then a grade and narrative per area. */
export const selfAssessmentFields = (f: Framework) => [
  'framework',
  'year',
  ...gradedAreas(f).flatMap((_, i) => [`grade-${i + 1}`, `narrative-${i + 1}`]),
]

/** What is wrong with the framework and year a link asks for. */
export function queryProblems(q: Record<string, string>): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (q.framework && !WITH_EVIDENCE.some(f => f.id === q.framework))
    problems.push({ field: 'framework', text: 'Select a framework from the list' })
  if (q.year && !/^\d{4}$/.test(q.year)) problems.push({ field: 'year', text: 'Year must be a real year, like 2019' })
  return problems
}

/** Every grade that is not one of the list's, and every narrative too long, each named on its own field. */
export function answerProblems(f: Framework, body: Record<string, string>): FieldProblem[] {
  return gradedAreas(f).flatMap((x, i) => {
    const g = body[`grade:${x.id}`] ?? ''
    const narrative = (body[`narrative:${x.id}`] ?? '').trim()
    return [
      ...(g && !/^\d+$/.test(g)
        ? [{ field: `grade-${i + 1}`, text: `Select a grade for ${areaTitle(f, x.id)} from the list` }]
        : []),
      ...(narrative.length > MAX_TEXT
        ? [
            {
              field: `narrative-${i + 1}`,
              text: `Your narrative for ${areaTitle(f, x.id)} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`,
            },
          ]
        : []),
    ]
  })
}
