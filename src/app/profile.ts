import {
  type Actor,
  type Assessment,
  assertEditable,
  buildProfile,
  draftNarrative,
  getFramework,
  INDICATORS,
  type NationalData,
  NotFoundError,
  nationalData,
  type OtherInspection,
  type Profile,
  RATING_RULE_SETS,
  type RatingRuleSet,
  type RatingSuggestion,
  ratedIn,
  ratingRules,
  recordJudgement as record,
  suggestRating,
  ValidationError,
  whatIf,
} from '../domain/index.js'
import { type Context, changeAssessment } from './assessments.js'
import { dateOf } from './queries.js'

/** Everything the profiles of one year are built from, read once for all authorities. */
export interface YearData {
  year: number
  build(authorityCode: string): Profile
  /** Some of the data is synthetic (generated for tests and benchmarks): pages must say so. */
  synthetic: boolean
  empty: boolean
}

/** What a year's profiles share, read from the profile's own tables: kept while their data's version stands. */
interface YearBase {
  national: NationalData
  neighbours: Map<string, string[]>
  unannounced: { authorityCode: string; date: string; priorityActions: number }[]
  synthetic: boolean
  empty: boolean
}

/** Per database: the profile data's version read last, and the reads made at it (the years held, each year's base). */
const kept = new WeakMap<object, { version: string; reads: Map<string, Promise<unknown>> }>()

/**
 * A read of the profile's own data, kept while the data's version stands. The version is read first on every call
 * (one row): any write to the tables a profile is built from moves it, in this process or another, so nothing kept
 * outlives the data it came from. A read that fails is forgotten, to be made again.
 */
async function keptRead<T>(ctx: Context, key: string, read: () => Promise<T>): Promise<T> {
  const version = await ctx.store.profile.dataVersion()
  let k = kept.get(ctx.store.db)
  if (k?.version !== version) {
    k = { version, reads: new Map() }
    kept.set(ctx.store.db, k)
  }
  const reads = k.reads
  const held = reads.get(key) as Promise<T> | undefined
  if (held) return held
  const p = read()
  reads.set(key, p)
  p.catch(() => reads.delete(key))
  return p
}

/** The years any profile data is held for, most recent first. */
export const profileYears = (ctx: Context): Promise<number[]> => keptRead(ctx, 'years', () => ctx.store.profile.years())

async function readYearBase(ctx: Context, year: number): Promise<YearBase> {
  const [values, settings, unannounced, neighbourLists, indicators, authorities] = await Promise.all([
    ctx.store.profile.indicatorValues(year),
    ctx.store.profile.settingOutcomes(year),
    ctx.store.profile.unannounced(year),
    ctx.store.authorities.allNeighbours(),
    ctx.store.profile.indicators(),
    ctx.store.authorities.list(),
  ])
  return {
    national: nationalData({
      year,
      indicators: indicators.length ? indicators : INDICATORS,
      indicatorValues: values.values,
      englandValues: values.england,
      settings: settings.outcomes,
      regions: new Map(authorities.map(a => [a.code, a.region])),
    }),
    neighbours: new Map(neighbourLists.map(n => [n.authority, n.neighbours])),
    unannounced,
    synthetic: values.synthetic || settings.synthetic,
    empty: values.values.length === 0 && settings.outcomes.length === 0,
  }
}

/**
 * Reads ahead what every year's profiles share, at the data's present version: the reads pages make (keptRead), made
 * before anyone asks, so that the first profile after an import does not wait for a whole year's data.
 */
export async function warmProfiles(ctx: Context): Promise<void> {
  const years = await profileYears(ctx)
  await Promise.all(years.map(y => keptRead(ctx, `year ${y}`, () => readYearBase(ctx, y))))
}

/**
 * Keeps the profiles warm in a long-running process: now, and within `everyMs` of any change to their data, made
 * here or by another process (an import on a worker). Returns the function that stops it.
 */
export function keepProfilesWarm(ctx: Context, everyMs: number, onError: (e: Error) => void): () => void {
  let warmedAt: string | null = null
  let busy = false
  const look = async () => {
    if (busy) return
    busy = true
    try {
      const version = await ctx.store.profile.dataVersion()
      if (version !== warmedAt) {
        await warmProfiles(ctx)
        warmedAt = version
      }
    } catch (e) {
      onError(e as Error)
    } finally {
      busy = false
    }
  }
  void look()
  const timer = setInterval(() => void look(), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * The year's profiles: the profile's own data kept per version, the safeguarding judgements of published
 * assessments (which change with the record, not the data) read afresh each time.
 */
export async function yearData(ctx: Context, year: number, rules: RatingRuleSet = defaultRules()): Promise<YearData> {
  const [base, ...safeguarding] = await Promise.all([
    keptRead(ctx, `year ${year}`, () => readYearBase(ctx, year)),
    ...rules.safeguardingJudgements.map(s => ctx.store.assessments.judgementsInYear(s.framework, s.area, year)),
  ])
  const inspections = new Map<string, OtherInspection[]>()
  const add = (code: string, i: OtherInspection) => inspections.set(code, [...(inspections.get(code) ?? []), i])
  for (const u of base.unannounced)
    add(u.authorityCode, {
      kind: 'unannounced',
      date: u.date,
      priorityActions: u.priorityActions,
      level: null,
      source: `unannounced inspection of ${u.date} (imported data)`,
    })
  rules.safeguardingJudgements.forEach((s, i) => {
    for (const j of safeguarding[i] ?? [])
      add(j.authorityCode, {
        kind: 'safeguarding',
        date: j.date,
        priorityActions: null,
        level: j.level,
        source: `${getFramework(s.framework).name}, published ${j.date} (assessment ${j.assessmentId})`,
      })
  })
  return {
    year,
    synthetic: base.synthetic,
    empty: base.empty,
    build: authorityCode =>
      buildProfile(
        base.national,
        authorityCode,
        base.neighbours.get(authorityCode) ?? [],
        inspections.get(authorityCode) ?? [],
      ),
  }
}

export function defaultRules(): RatingRuleSet {
  const last = RATING_RULE_SETS.at(-1)
  if (!last) throw new Error('no rating rules')
  return last
}

/** The rules of the year if there are any, else the latest year's before it, else the first. */
export function rulesFor(year: number): RatingRuleSet {
  const before = RATING_RULE_SETS.filter(s => s.year <= year).at(-1)
  return before ?? (RATING_RULE_SETS[0] as RatingRuleSet)
}

export async function loadProfile(ctx: Context, authorityCode: string, year: number) {
  if (!(await ctx.store.authorities.get(authorityCode))) throw new NotFoundError(`No authority ${authorityCode}`)
  const data = await yearData(ctx, year, rulesFor(year))
  return { profile: data.build(authorityCode), synthetic: data.synthetic, empty: data.empty }
}

/** The profile year an assessment is rated on: the year of its letter, or else of its framework. */
export function profileYearOf(a: Assessment): number {
  const d = dateOf(a)
  return d ? Number(d.slice(0, 4)) : getFramework(a.frameworkId).year
}

function ratingRuleSetFor(a: Assessment, rulesYear?: number): RatingRuleSet {
  const rules = rulesYear ? ratingRules(rulesYear) : rulesFor(profileYearOf(a))
  if (rules.framework !== a.frameworkId)
    throw new ValidationError(
      `The performance profile rates ${getFramework(rules.framework).name} assessments; this is ${getFramework(a.frameworkId).name}`,
    )
  return rules
}

/**
 * Computes the rating the profile suggests and keeps it, with its reasons, on the assessment. The inspector's
 * grade is not touched: where it differs, the rules panel asks for a written rationale.
 */
export async function suggestForAssessment(
  ctx: Context,
  actor: Actor,
  id: string,
  expectedVersion: number,
  options: { dataYear?: number; rulesYear?: number } = {},
): Promise<Assessment> {
  const current = await ctx.store.assessments.find(id)
  if (!current) throw new NotFoundError(`No assessment ${id}`)
  const rules = ratingRuleSetFor(current, options.rulesYear)
  const year = options.dataYear ?? profileYearOf(current)
  const data = await yearData(ctx, year, rules)
  const suggestion = suggestRating(data.build(current.authorityCode), rules, { now: ctx.now() })
  return changeAssessment(
    ctx,
    actor,
    id,
    expectedVersion,
    'assessment.rating-suggestion',
    (a, _f, now) => {
      assertEditable(a, actor)
      return { ...a, ratingSuggestion: suggestion, updatedAt: now.toISOString() }
    },
    a => ({ entity: 'assessment', entityId: id, value: a.ratingSuggestion }),
  )
}

/** Drafts the rating's narrative from the profile's bands into the judgement, for the inspector to edit. */
export async function draftRatingNarrative(
  ctx: Context,
  actor: Actor,
  id: string,
  expectedVersion: number,
): Promise<Assessment> {
  const current = await ctx.store.assessments.find(id)
  if (!current) throw new NotFoundError(`No assessment ${id}`)
  const rules = ratingRuleSetFor(current)
  const year = current.ratingSuggestion?.dataYear ?? profileYearOf(current)
  const data = await yearData(ctx, year, rules)
  if (data.empty) throw new ValidationError(`No profile data is held for ${year}: import it first`)
  const authority = await ctx.store.authorities.get(current.authorityCode)
  const judgement = current.judgements.find(j => j.areaId === rules.area)
  const grade = judgement?.grade ?? current.ratingSuggestion?.grade ?? null
  const text = draftNarrative(
    data.build(current.authorityCode),
    grade,
    authority?.name ?? current.authorityCode,
    rules.framework,
  )
  return changeAssessment(
    ctx,
    actor,
    id,
    expectedVersion,
    'judgement.draft-narrative',
    (a, f, now) => record(a, f, { areaId: rules.area, narrative: text }, actor, now),
    a => ({
      entity: 'judgement',
      entityId: `${id}/${rules.area}`,
      value: a.judgements.find(j => j.areaId === rules.area) ?? null,
    }),
  )
}

/** Every authority's suggested rating from one year's data under one year's rules. */
export async function suggestAll(
  ctx: Context,
  dataYear: number,
  rulesYear: number,
  disabled: readonly string[] = [],
): Promise<{ authorityCode: string; suggestion: RatingSuggestion }[]> {
  const rules = ratingRules(rulesYear)
  const data = await yearData(ctx, dataYear, rules)
  const codes = ratedIn(await ctx.store.authorities.list(), dataYear)
  return codes.map(a => ({ authorityCode: a.code, suggestion: suggestRating(data.build(a.code), rules, { disabled }) }))
}

/** Which authorities' suggested ratings change when one rule is switched off (rules of one year, data of another). */
export async function whatIfReport(ctx: Context, dataYear: number, rulesYear: number, switchedOff: string) {
  const rules = ratingRules(rulesYear)
  const data = await yearData(ctx, dataYear, rules)
  if (data.empty) throw new ValidationError(`No profile data is held for ${dataYear}`)
  const authorities = ratedIn(await ctx.store.authorities.list(), dataYear)
  const profiles = authorities.map(a => data.build(a.code))
  return { rows: whatIf(profiles, rules, switchedOff), total: profiles.length, synthetic: data.synthetic }
}
