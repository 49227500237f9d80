import { type Assessment, areasFor, type Judgement } from './assessment.js'
import {
  areaTitle,
  type BestFitRule,
  BUILT_IN_RULES,
  type Framework,
  type LimitRule,
  type RuleStatus,
} from './framework.js'
import { isBetter, LEVELS, type Level, levelOfRank, levelRank, worstLevel } from './levels.js'
import { headlineJudgement } from './narrative.js'
import { inScaleWords } from './scale.js'

export interface Finding {
  rule: string
  kind: 'best-fit' | 'limit' | 'narrative' | 'conflict' | 'missing' | 'extraction' | 'profile' | 'evidence'
  severity: 'info' | 'warning' | 'error'
  areaId: string | null
  /** The reason, written for the person who must act on it. */
  message: string
  /** How sure the project is of the rule (see RuleStatus); null for what the reader itself reports. */
  status: RuleStatus | null
  source: string | null
  /** Publication waits until this is resolved: by changing the grade or recording an override with a rationale. */
  blocking: boolean
}

type Judged = Judgement & { level: Level }

function graded(assessment: Assessment, areaId: string): Judged | undefined {
  const j = assessment.judgements.find(x => x.areaId === areaId)
  return j?.level ? (j as Judged) : undefined
}

function countLevels(framework: Framework, levels: Level[]): string {
  return LEVELS.filter(l => levels.includes(l))
    .map(l => `${inScaleWords(framework.scale, l)} ×${levels.filter(x => x === l).length}`)
    .join(', ')
}

/** Only what a source states may stop a move; everything else advises, and says so. */
export function mayBlock(status: RuleStatus | null): boolean {
  return status === 'stated'
}

const ADVICE: Record<RuleStatus, string> = {
  stated: '',
  inferred: 'This is advice, inferred from real cases: it does not stop the assessment moving on.',
  proposed: 'This is advice from a proposal whose final form is unknown: it does not stop the assessment moving on.',
  house: 'This is advice, a check of this project’s own: it does not stop the assessment moving on.',
  hypothesis: 'This is advice, a hypothesis with no source: it does not stop the assessment moving on.',
}

/**
 * A departure from a stated rule is acceptable with a written professional rationale for that rule's finding;
 * without one it blocks. A departure from any other rule is advice.
 */
function departure(
  target: Judged,
  base: Omit<Finding, 'severity' | 'blocking' | 'message' | 'areaId'>,
  message: string,
): Finding {
  const rationale = target.overrides.find(o => o.rule === base.rule)?.rationale
  if (rationale)
    return {
      ...base,
      areaId: target.areaId,
      severity: 'info',
      blocking: false,
      message: `${message} Professional override recorded: "${rationale}"`,
    }
  if (!mayBlock(base.status))
    return {
      ...base,
      areaId: target.areaId,
      severity: 'warning',
      blocking: false,
      message: `${message} ${ADVICE[base.status ?? 'hypothesis']}`,
    }
  return {
    ...base,
    areaId: target.areaId,
    severity: 'warning',
    blocking: true,
    message: `${message} Change the grade or record a professional override of this finding with its rationale.`,
  }
}

function bestFit(rule: BestFitRule, assessment: Assessment, framework: Framework): Finding[] {
  const target = graded(assessment, rule.target)
  if (!target) return []
  const levels = rule.from.map(id => graded(assessment, id)?.level).filter((l): l is Level => l !== undefined)
  const title = areaTitle(framework, rule.target)
  const base = { rule: rule.id, kind: 'best-fit' as const, status: rule.status, source: rule.source }
  if (levels.length * 2 < rule.from.length)
    return [
      {
        ...base,
        areaId: rule.target,
        severity: 'info',
        blocking: false,
        message: `No best fit suggested for ${title}: only ${levels.length} of the ${rule.from.length} grades it draws on are recorded.`,
      },
    ]
  const ranks = levels.map(levelRank).sort((a, b) => a - b)
  const lo = ranks[Math.floor((ranks.length - 1) / 2)] ?? 1
  const hi = ranks[Math.ceil((ranks.length - 1) / 2)] ?? 4
  const onScale = framework.scale.points.map(p => p.level)
  const word = (r: number) => {
    const level = levelOfRank(r, onScale)
    return level ? inScaleWords(framework.scale, level) : String(r)
  }
  const suggestion = lo === hi ? word(lo) : `${word(lo)} or ${word(hi)}`
  const rank = levelRank(target.level)
  const summary = `Best fit of the ${levels.length} grades ${title} draws on (${countLevels(framework, levels)}) suggests ${suggestion}; the recorded grade is ${inScaleWords(framework.scale, target.level)}.`
  if (rank >= lo && rank <= hi)
    return [{ ...base, areaId: rule.target, severity: 'info', blocking: false, message: summary }]
  return [departure(target, base, summary)]
}

function limit(rule: LimitRule, assessment: Assessment, framework: Framework): Finding[] {
  const target = graded(assessment, rule.target)
  if (!target) return []
  const limiters = rule.limitedBy.map(id => graded(assessment, id))
  const triggered = limiters.filter(
    (j): j is Judged => j !== undefined && (rule.trigger === undefined || !isBetter(j.level, rule.trigger)),
  )
  const fires = rule.combine === 'all' ? triggered.length === rule.limitedBy.length : triggered.length > 0
  if (!fires) return []
  const cap = rule.cap === 'limiter' ? worstLevel(triggered.map(j => j.level)) : rule.cap
  if (!cap || !isBetter(target.level, cap)) return []
  const name = (id: string) => areaTitle(framework, id)
  const words = (l: Level) => inScaleWords(framework.scale, l)
  const because = triggered.map(j => `${name(j.areaId)} is ${words(j.level)}`).join(' and ')
  return [
    departure(
      target,
      { rule: rule.id, kind: 'limit', status: rule.status, source: rule.source },
      `${name(rule.target)} is ${words(target.level)}, above the limit of ${words(cap)}: ${because}.`,
    ),
  ]
}

function narrative(judgement: Judged, framework: Framework): Finding[] {
  const statement = headlineJudgement(judgement.narrative, framework.scale)
  if (!statement || statement.level === judgement.level) return []
  const title = areaTitle(framework, judgement.areaId)
  return [
    departure(
      judgement,
      {
        rule: BUILT_IN_RULES.narrative,
        kind: 'narrative',
        status: 'house',
        source: 'This project’s own check: a judgement’s narrative and its grade should agree',
      },
      `The narrative for ${title} says "${statement.quote}" (${inScaleWords(framework.scale, statement.level)}) but the grade is ${inScaleWords(framework.scale, judgement.level)}.`,
    ),
  ]
}

function conflicts(judgement: Judgement, framework: Framework): Finding[] {
  const values = new Set(judgement.readings.map(r => r.value))
  if (values.size < 2) return []
  return [
    {
      rule: 'conflicting-sources',
      kind: 'conflict',
      severity: 'error',
      areaId: judgement.areaId,
      message: `The sources disagree on ${areaTitle(framework, judgement.areaId)}: ${judgement.readings.map(r => `"${r.printed}"`).join(' vs ')}. Both are kept; a person must decide.`,
      status: 'house',
      source: 'This project’s own check of its sources: where two disagree, both are kept and a person decides',
      blocking: true,
    },
  ]
}

/** The inspector's rating against the one the performance profile suggests: a departure needs a rationale. */
function profileSuggestion(assessment: Assessment, framework: Framework): Finding[] {
  const s = assessment.ratingSuggestion
  if (!s) return []
  const title = areaTitle(framework, s.areaId)
  const base = {
    rule: BUILT_IN_RULES.profile,
    kind: 'profile' as const,
    status: 'inferred' as const,
    source: `The ${s.rulesYear} rating rules applied to the ${s.dataYear} performance profile`,
  }
  if (s.grade === null)
    return [
      {
        ...base,
        areaId: s.areaId,
        severity: 'info',
        blocking: false,
        message: `The profile suggests no rating for ${title}: ${s.missing.join('; ')}.`,
      },
    ]
  const target = graded(assessment, s.areaId)
  if (!target || target.grade === s.grade) return []
  const label = (g: number) => {
    const level = framework.scale.points.find(p => p.value === g)?.level
    return level ? inScaleWords(framework.scale, level) : String(g)
  }
  return [
    departure(
      target,
      base,
      `The profile suggests ${label(s.grade)} for ${title}; the recorded grade is ${label(target.grade as number)}.`,
    ),
  ]
}

/** Every rule of the framework applied to the assessment. Rules report; none changes a grade. */
export function evaluateRules(assessment: Assessment, framework: Framework): Finding[] {
  const findings: Finding[] = []
  for (const area of areasFor(framework, assessment)) {
    const judgement = assessment.judgements.find(j => j.areaId === area.id)
    if (area.required && judgement?.grade == null && !(judgement && conflicts(judgement, framework).length))
      findings.push({
        rule: 'required-grade',
        kind: 'missing',
        severity: 'warning',
        areaId: area.id,
        message: `${areaTitle(framework, area.id)} has no grade; the ${framework.name} requires one.`,
        status: 'house',
        source: 'This project’s own check of completeness: every judgement the framework makes needs a grade',
        blocking: true,
      })
    if (!judgement) continue
    findings.push(...conflicts(judgement, framework))
    if (judgement.level) findings.push(...narrative(judgement as Judged, framework))
  }
  for (const rule of framework.rules)
    findings.push(
      ...(rule.kind === 'bestFit' ? bestFit(rule, assessment, framework) : limit(rule, assessment, framework)),
    )
  findings.push(...profileSuggestion(assessment, framework))
  return findings
}

export interface RuleCheck {
  rule: string
  frameworkId: string
  status: RuleStatus | null
  /** How many assessments the rule was applied to, and on how many it reported a departure. */
  applied: number
  fired: number
  /** The authorities (GSS codes) of the assessments it fired on. */
  authorities: string[]
}

/**
 * Every rule of each assessment's framework held against published judgements: per rule, how often it reports a
 * departure and on which authorities. On the real record, a stated rule that fires is wrong or the report exceptional.
 */
export function checkRules(assessments: readonly { a: Assessment; framework: Framework }[]): RuleCheck[] {
  const checks = new Map<string, RuleCheck>()
  const perFramework = new Map<string, number>()
  const entry = (frameworkId: string, rule: string, status: RuleStatus | null): RuleCheck => {
    const key = `${frameworkId} ${rule}`
    const c = checks.get(key) ?? { rule, frameworkId, status, applied: 0, fired: 0, authorities: [] }
    checks.set(key, c)
    return c
  }
  for (const { a, framework } of assessments) {
    perFramework.set(framework.id, (perFramework.get(framework.id) ?? 0) + 1)
    for (const r of framework.rules) {
      entry(framework.id, r.id, r.status).applied++
    }
    for (const f of evaluateRules(a, framework)) {
      if (f.severity === 'info' || !f.status) continue
      const c = entry(framework.id, f.rule, f.status)
      c.fired++
      if (!c.authorities.includes(a.authorityCode)) c.authorities.push(a.authorityCode)
    }
  }
  // The checks every framework has (completeness, conflicting sources, narrative) apply to every assessment.
  for (const c of checks.values()) if (c.applied === 0) c.applied = perFramework.get(c.frameworkId) ?? 0
  return [...checks.values()].sort((x, y) => x.frameworkId.localeCompare(y.frameworkId) || x.rule.localeCompare(y.rule))
}
