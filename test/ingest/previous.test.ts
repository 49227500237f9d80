import { describe, expect, it } from 'vitest'
import { AUTHORITIES, AuthorityIndex } from '../../src/domain/index.js'
import { extract } from '../../src/ingest/extract.js'

const index = new AuthorityIndex(AUTHORITIES)

/** An ILACS report's opening, then one sentence of its summary. */
function previousOf(sentence: string) {
  const text = [
    'Inspection of Surrey local authority children’s services',
    'Inspection dates: 12 to 23 May 2025',
    'Lead inspector: Alex Person, His Majesty’s Inspector',
    '',
    'Overall effectiveness\tGood',
    '',
    `Services for children in Surrey are good. ${sentence} Leaders know their services well.`,
  ].join('\n')
  const e = extract(text, '0'.repeat(64), index)
  expect(e.framework?.id).toBe('ilacs-2018')
  const p = e.previousInspection
  return p ? { year: p.year, level: p.level } : null
}

describe('the previous inspection a report refers to', () => {
  it('is read where the sentence says what was judged of the whole service, in the ways reports say it', () => {
    for (const [sentence, year, level] of [
      [
        'Following the last inspection in 2015, when the local authority was judged good overall, managers moved on.',
        2015,
        'good',
      ],
      [
        'Practice is stronger since the inspection in 2017, when they were judged to require improvement overall.',
        2017,
        'requires-improvement',
      ],
      [
        'Much has changed since the last inspection in 2014, when Surrey children’s social care was found to be inadequate overall.',
        2014,
        'inadequate',
      ],
      [
        'Children’s services were last inspected in May 2018 and judged to be requires improvement to be good.',
        2018,
        'requires-improvement',
      ],
      ['At the last full inspection in 2020, children’s services were found to be good.', 2020, 'good'],
      ['In late 2019, inspectors judged Surrey children’s services to be inadequate.', 2019, 'inadequate'],
      [
        'Services for children in Surrey have improved since the single inspection in 2016, when they required improvement to be good.',
        2016,
        'requires-improvement',
      ],
      [
        'Since the last inspection in 2019, when the overall effectiveness of services was judged inadequate, leaders have changed.',
        2019,
        'inadequate',
      ],
      [
        'Since the last inspection in 2021, when all judgements were graded as ‘good’, practice has held.',
        2021,
        'good',
      ],
      [
        'Since the last inspection in March 2018, where services were rated as good overall, much has changed.',
        2018,
        'good',
      ],
      [
        'Since the last inspection in 2022, when Surrey was judged to be inadequate across all areas, leaders have acted.',
        2022,
        'inadequate',
      ],
      ['In 2017, children’s services in Surrey were judged by Ofsted to be inadequate.', 2017, 'inadequate'],
      ['In 2021, all services were judged as requiring improvement.', 2021, 'requires-improvement'],
      [
        'The last full inspection of children’s services in Surrey was in 2020 when all services were judged to be good.',
        2020,
        'good',
      ],
      ['Children’s services were judged to be good at the inspection in 2015.', 2015, 'good'],
      ['Children’s services in Surrey were judged inadequate in June 2019.', 2019, 'inadequate'],
      [
        'Children’s services in the predecessor local authority, Weyshire County Council, were judged inadequate in 2019.',
        2019,
        'inadequate',
      ],
      ['Services for children in Surrey are good, as was the case at the last inspection in 2018.', 2018, 'good'],
      [
        'Leaders acted following the single inspection in 2015 which judged the service as inadequate.',
        2015,
        'inadequate',
      ],
      [
        'At the last inspection in 2016, the overall effectiveness of children’s services in Surrey was judged to require improvement to be good.',
        2016,
        'requires-improvement',
      ],
      [
        'Services have improved since the 2022 inspection, when overall effectiveness was judged to be inadequate.',
        2022,
        'inadequate',
      ],
      [
        'Services for children in Surrey continue to be good, as was the case at the last inspection in 2018.',
        2018,
        'good',
      ],
      [
        'Services for children in Surrey are now good, having been judged inadequate at the last inspection in 2018.',
        2018,
        'inadequate',
      ],
      [
        'Children’s services in Surrey continue to require improvement to be good and have not improved since the last inspection in 2016.',
        2016,
        'requires-improvement',
      ],
      [
        'Progress has been made since the last inspection, when the local authority was judged to be inadequate in all key areas of practice in 2016.',
        2016,
        'inadequate',
      ],
      [
        'Since the last inspection in February 2022, when Surrey was judged to be outstanding, leaders have stayed.',
        2022,
        'outstanding',
      ],
    ] as const)
      expect(previousOf(sentence), sentence).toEqual({ year, level })
  })

  it('is not read from what was said of one service, or from "they" that may be one', () => {
    for (const sentence of [
      'Care leavers are better supported since the last inspection in 2017, when they were judged inadequate.',
      'Since the last inspection in 2017, when services for care leavers were judged inadequate, much has changed.',
      'Since the last inspection in 2021, practice has improved.',
      'Since the last inspection in 2019, when services were judged inadequate for care leavers, staff have stayed.',
      'Since the last inspection in 2019, when the local authority was judged inadequate in help and protection, it has grown.',
      'Services for children in care have improved since the last inspection in 2017, when they were judged inadequate.',
      'Early help services have improved since the last inspection in 2018, when they were judged inadequate.',
      'In 2019, services for children in need of help and protection were judged inadequate.',
      'Since the last inspection in 2019, when help and protection was judged inadequate across all areas of practice, leaders have changed.',
      'In 2016, the service was judged good by a peer review.',
      'Services for care leavers are good, as was the case at the last inspection in 2018.',
      'Children’s services in Surrey were judged good for care leavers in 2019.',
      // The council by name: this report's council only, and only its whole service.
      'Since the last inspection in 2022, when Kent was judged to be inadequate, Surrey has grown.',
      'Since the last inspection in 2022, when Surrey was judged inadequate for its care leavers, staff have stayed.',
      // One service's inspection, or the services of some children only.
      'The last inspection of safeguarding services was in 2012, when services were judged to be inadequate.',
      'The last inspection of the fostering service was in 2018, when the service was judged good.',
      'Since the last inspection of child protection services in 2013, when services were judged inadequate, leaders left.',
      'Since the last inspection of the local safeguarding children board in 2015, which judged the service to be inadequate, much has changed.',
      'Services for children in Surrey who are looked after have improved since the last inspection in 2018, when they were inadequate.',
      'In 2012, services in Surrey for looked after children were judged good.',
      'Since the last inspection in 2018, when the youth justice service was rated inadequate across all areas, leaders have changed.',
      'Services for care leavers are now good, having been judged inadequate at the last inspection in 2018.',
      'Services for children in care continue to require improvement and have not improved since the last inspection in 2016.',
      'Since the last inspection, when help and protection was judged to be inadequate in all areas of practice in 2016, leaders have changed.',
      'The last Ofsted inspection of the adoption service was in April 2012. The service is now good, having been judged outstanding at the last inspection in 2012.',
      'The last inspection of the fostering service was in 2012. The service still requires improvement and has not improved since the last inspection in 2012.',
      "Since the last inspection in 2019, when Surrey was judged to be 'requires improvement to be good' in help and protection, leaders have changed.",
      'Services are now good for children in care, having been judged inadequate at the last inspection in 2018.',
      'Services in Leeds, the partner in practice, are now outstanding, having been judged good at the last inspection in 2015.',
      'Since the last full inspection, when the local authority was judged to be good in all areas in 2018, a short inspection in 2022 judged services to be outstanding.',
      // Another council's services, where the sentence says nothing of an inspection.
      'Children’s services in Leeds, the council’s partner in practice, were judged outstanding in 2018.',
      'In 2018, children’s services in Leeds were judged outstanding.',
      // Not a grade, or not Ofsted's.
      'Services for children in Surrey are not yet good, as was the case at the last inspection in 2015.',
      'Children’s services were judged to be good in 2019 by a peer review.',
      'In 2019, children’s services were judged to be good following a peer review by the Local Government Association.',
      // A history of inspections: which was the last is not guessed.
      'Children’s services were judged inadequate in 2011, 2013 and 2015.',
      'Children’s services in Surrey were judged inadequate in 2014 and requires improvement to be good in 2018.',
      'In 2014, services were judged inadequate; they improved to requires improvement to be good in 2018.',
      'In 2014, children’s services were judged inadequate. Since the last inspection in 2018, when services were judged to require improvement, practice has improved.',
    ])
      expect(previousOf(sentence), sentence).toBeNull()
  })
})
