import { Router } from 'express'
import { profileYears, whatIfReport } from '../../../../app/profile.js'
import { getFramework, RATING_RULE_SETS } from '../../../../domain/index.js'
import { authorityNames, gradeDisplay } from '../../../presenters.js'
import { formErrors, renderPage } from '../../../views.js'
import { whatIfForm } from './schemas.js'

/** /staff/what-if: which authorities' ratings change when one rule is switched off. */
export function whatIfRoutes(): Router {
  const router = Router()
  router.get('/staff/what-if', async (req, res) => {
    const years = await profileYears(req.ctx)
    const q = req.query as Record<string, string | undefined>
    const { rules, asked, fields } = whatIfForm(q, years)
    let result = null
    if (rules && asked) {
      const r = await whatIfReport(req.ctx, asked.dataYear, rules.year, asked.without)
      const names = authorityNames(await req.ctx.store.authorities.list())
      result = {
        ...r,
        dataYear: asked.dataYear,
        rows: r.rows.map(x => ({
          code: x.authorityCode,
          name: names.get(x.authorityCode) ?? x.authorityCode,
          withRule: gradeDisplay(getFramework(rules.framework), x.withRule),
          without: gradeDisplay(getFramework(rules.framework), x.without),
        })),
      }
    } else if (q.data !== undefined) res.status(400)
    renderPage(req, res, 'staff/what-if/view.njk', {
      title: 'What if a rule were switched off?',
      ...formErrors(fields),
      dataItems: years.map(y => ({ value: String(y), text: String(y), selected: String(y) === q.data })),
      rulesItems: RATING_RULE_SETS.map(s => ({
        value: String(s.year),
        text: String(s.year),
        selected: s.year === rules?.year,
      })),
      ruleItems: [
        { value: '', text: 'Choose a rule' },
        ...(rules?.rules ?? []).map(r => ({
          value: r.id,
          text: `${r.label} (${r.status})`,
          selected: r.id === q.without,
        })),
      ],
      result,
    })
  })
  return router
}
