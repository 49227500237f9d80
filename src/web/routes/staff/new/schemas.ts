import { FRAMEWORKS } from '../../../../domain/index.js'
import type { Store } from '../../../../store/store.js'
import { fieldText } from '../form.js'

/** The new assessment form: the authority and the framework, each chosen from its list. */
export async function newAssessmentForm(body: unknown, store: Pick<Store, 'authorities'>) {
  const values = { authorityCode: fieldText(body, 'authorityCode'), frameworkId: fieldText(body, 'frameworkId') }
  const fields: Record<string, string> = {}
  if (!values.authorityCode) fields.authorityCode = 'Choose the local authority'
  else if (!(await store.authorities.get(values.authorityCode)))
    fields.authorityCode = 'Choose the local authority from the list'
  if (!FRAMEWORKS.some(f => f.id === values.frameworkId)) fields.frameworkId = 'Choose the framework'
  return { values, fields }
}
