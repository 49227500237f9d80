import { type Assessment, evaluateRules, framingsOfArea, getFramework, ruleIds } from '../../../../domain/index.js'
import { framingsOf } from '../../../../render/structures.js'

/**
 * The framework's framing paragraphs around an area's words, as the report prints them now: the framework's own
 * where the inspector wrote none, else theirs. A report printed as the document it was read from has none.
 */
export function framingFields(a: Assessment, areaId: string, authorityName: string, values: Record<string, string>) {
  const f = getFramework(a.frameworkId)
  if (a.content.length) return []
  const prints = framingsOf({ a, f, authorityName })
  return framingsOfArea(f, areaId).map(p => {
    const x = prints.find(y => y.key === p.key)
    return {
      label: p.label,
      name: `framing:${p.key}`,
      id: `framing-${p.key.replace(/[^A-Za-z0-9-]/g, '-')}`,
      value: values[`framing:${p.key}`] ?? a.framing[p.key] ?? '',
      own: Boolean(x?.own),
      printed: x?.printed,
      fixed: x?.fixed,
    }
  })
}

/**
 * The findings on one area a person may answer with an override: each rule's departure (advice or blocking), and
 * any rule already answered. Each gets its own rationale.
 */
export function answerable(a: Assessment, areaId: string, values: Record<string, string>) {
  const f = getFramework(a.frameworkId)
  const j = a.judgements.find(x => x.areaId === areaId)
  const findings = evaluateRules(a, f).filter(
    x =>
      x.areaId === areaId &&
      ruleIds(f).includes(x.rule) &&
      (x.severity !== 'info' || j?.overrides.some(o => o.rule === x.rule)),
  )
  return findings.map(x => ({
    rule: x.rule,
    name: `override:${x.rule}`,
    id: `override-${x.rule}`,
    message: x.message,
    blocking: x.blocking,
    value: values[`override:${x.rule}`] ?? j?.overrides.find(o => o.rule === x.rule)?.rationale ?? '',
  }))
}
