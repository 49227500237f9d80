import { type Assessment, areasFor, type Judgement } from './assessment.js'
import { areaTitle, type BestFitRule, type Framework, type LimitRule } from './framework.js'
import { isBetter, LEVELS, type Level, levelOfRank, levelRank, worstLevel } from './levels.js'
import { headlineJudgement } from './narrative.js'

export interface Finding {
  rule: string
  kind: 'best-fit' | 'limit' | 'narrative' | 'conflict' | 'missing' | 'extraction' | 'profile'
  severity: 'info' | 'warning' | 'error'
  areaId: string | null
  /** The reason, written for the person who must act on it. */
  message: string
  /** How sure the project is of the rule: stated by a source, inferred, or only proposed. */
  status: 'stated' | 'inferred' | 'proposed' | null
  source: string | null
  /** Publication waits until this is resolved: by changing the grade or recording an override with a rationale. */
  blocking: boolean
}

type Judged = Judgement & { level: Level }

function graded(assessment: Assessment, areaId: string): Judged | undefined {
  const j = assessment.judgements.find(x => x.areaId === areaId)
  return j?.level ? (j as Judged) : undefined
}

function countLevels(levels: Level[]): string {
  return LEVELS.filter(l => levels.includes(l))
    .map(l => `${l} ×${levels.filter(x => x === l).length}`)
    .join(', ')
}

/** A departure from a rule is acceptable with a written professional rationale; without one it blocks. */
function departure(
  target: Judged,
  base: Omit<Finding, 'severity' | 'blocking' | 'message' | 'areaId'>,
  message: string,
): Finding {
  const rationale = target.override?.rationale
  return rationale
    ? {
        ...base,
        areaId: target.areaId,
        severity: 'info',
        blocking: false,
        message: `${message} Professional override recorded: "${rationale}"`,
      }
    : {
        ...base,
        areaId: target.areaId,
        severity: 'warning',
        blocking: true,
        message: `${message} Change the grade or record a professional override with its rationale.`,
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
  const word = (r: number) => levelOfRank(r, onScale) ?? String(r)
  const suggestion = lo === hi ? word(lo) : `${word(lo)} or ${word(hi)}`
  const rank = levelRank(target.level)
  const summary = `Best fit of the ${levels.length} grades ${title} draws on (${countLevels(levels)}) suggests ${suggestion}; the recorded grade is ${target.level}.`
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
  const because = triggered.map(j => `${name(j.areaId)} is ${j.level}`).join(' and ')
  return [
    departure(
      target,
      { rule: rule.id, kind: 'limit', status: rule.status, source: rule.source },
      `${name(rule.target)} is ${target.level}, above the limit of ${cap}: ${because}.`,
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
        rule: 'grade-narrative-consistency',
        kind: 'narrative',
        status: 'stated',
        source: 'House rule: a judgement’s narrative and its grade must agree',
      },
      `The narrative for ${title} says "${statement.quote}" (${statement.level}) but the grade is ${judgement.level}.`,
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
      status: null,
      source: null,
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
    rule: 'profile-suggestion',
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
  const label = (g: number) => `${g} (${framework.scale.points.find(p => p.value === g)?.label ?? '?'})`
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
        message: `${areaTitle(framework, area.id)} has no grade; ${framework.id} requires one.`,
        status: null,
        source: null,
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
