import { type Command, Option } from 'commander'
import {
  addRecommendation,
  createAssessment,
  moveAssessment,
  readAssessment,
  recordJudgement,
  signAssessment,
  updateDetails,
} from '../../app/assessments.js'
import { draftRatingNarrative, suggestForAssessment } from '../../app/profile.js'
import {
  areaTitle,
  type Dates,
  type DetailsInput,
  DomainError,
  evaluateRules,
  FRAMEWORKS,
  getFramework,
  gradeLabel,
  IsoDate,
  inScaleWords,
  type Person,
  RATING_NOTE,
  type Role,
  STATUSES,
  type Status,
} from '../../domain/index.js'
import { actorOf, collect, integer, json, out, readInput, roleOption, userOption, withStore } from '../support.js'

function printAssessment(a: Awaited<ReturnType<typeof readAssessment>>): void {
  const f = getFramework(a.frameworkId)
  out(`${a.id}  ${f.id}  ${a.authorityCode}  ${a.status}  edition ${a.edition}  version ${a.version}`)
  const person = (p: Person) => [p.name, p.title, p.organisation].filter(Boolean).join(', ')
  if (a.addressee) out(`  addressee: ${[person(a.addressee), ...a.addressLines].join(', ')}`)
  if (a.salutation) out(`  salutation: ${a.salutation}`)
  if (a.reportingInspector) out(`  reporting inspector: ${person(a.reportingInspector)}`)
  for (const s of a.signatories) out(`  signed: ${person(s)}`)
  for (const [label, text] of [
    ['summary', a.summary],
    ['about this inspection', a.about],
    ['service information', a.serviceInformation],
  ] as const)
    if (text.trim()) out(`  ${label}: ${text.trim().split(/\n\s*\n/).length} paragraph(s)`)
  if (a.numberedParagraphs) out('  paragraphs numbered')
  for (const area of f.areas) {
    const j = a.judgements.find(x => x.areaId === area.id)
    out(`  ${areaTitle(f, area.id)}: ${j?.level ? inScaleWords(f.scale, j.level) : '—'}`)
    for (const o of j?.overrides ?? []) out(`    override of ${o.rule}: ${o.rationale}`)
  }
  for (const r of a.recommendations) {
    out(`  [${r.timescaleId}${r.dueDate ? `, due ${r.dueDate}` : ''}] ${r.text}`)
    if (r.progress) out(`    progress: ${r.progress}`)
  }
  for (const finding of evaluateRules(a, f)) {
    const how = [finding.rule, finding.status, finding.blocking ? 'blocks' : 'advice'].filter(Boolean).join(', ')
    out(`  ${finding.severity} (${how}): ${finding.message}`)
    if (finding.source) out(`    source: ${finding.source}`)
  }
}

/** Items as printed, one per option given; an empty one is a mistake. */
function items(values: readonly string[], option: string): string[] {
  const out = values.map(v => v.trim())
  if (out.some(v => v === '')) throw new DomainError('invalid', `${option} was given an empty text`)
  return out
}

interface DetailsOptions {
  version: number
  letterDate?: string
  published?: string
  inspectionStart?: string
  inspectionEnd?: string
  periodStart?: string
  periodEnd?: string
  addresseeName?: string
  addresseeTitle?: string
  addresseeOrganisation?: string
  addressLine?: string[]
  address?: boolean
  salutation?: string
  inspectorName?: string
  inspectorTitle?: string
  summaryFile?: string
  aboutFile?: string
  serviceInformationFile?: string
  numberedParagraphs?: boolean
  as: Role
  user?: string
  json?: boolean
}

/** The details the options change; a person's parts not given keep what the assessment holds. */
function detailsFrom(o: DetailsOptions, current: { addressee: Person | null; reportingInspector: Person | null }) {
  const input: DetailsInput = {}
  const dates: Partial<Dates> = {}
  const dateOptions = [
    ['letterDate', 'letter', '--letter-date'],
    ['published', 'published', '--published'],
    ['inspectionStart', 'inspectionStart', '--inspection-start'],
    ['inspectionEnd', 'inspectionEnd', '--inspection-end'],
    ['periodStart', 'periodStart', '--period-start'],
    ['periodEnd', 'periodEnd', '--period-end'],
  ] as const
  for (const [option, key, flag] of dateOptions) {
    const v = o[option]?.trim()
    if (v === undefined) continue
    if (v && !IsoDate.safeParse(v).success)
      throw new DomainError('invalid', `${flag} must be a real date written YYYY-MM-DD, not "${v}"`)
    dates[key] = v || null
  }
  if (Object.keys(dates).length) input.dates = dates
  const person = (
    was: Person | null,
    name: string | undefined,
    title: string | undefined,
    organisation: string | undefined,
    what: string,
  ): Person | null | undefined => {
    if (name === undefined && title === undefined && organisation === undefined) return undefined
    if (name !== undefined && !name.trim()) return null
    const n = name?.trim() ?? was?.name
    if (!n) throw new DomainError('invalid', `Give the ${what}’s name too`)
    const part = (v: string | undefined, old: string | null | undefined) =>
      v === undefined ? (old ?? null) : v.trim() || null
    return { name: n, title: part(title, was?.title), organisation: part(organisation, was?.organisation) }
  }
  const addressee = person(current.addressee, o.addresseeName, o.addresseeTitle, o.addresseeOrganisation, 'addressee')
  if (addressee !== undefined) input.addressee = addressee
  const inspector = person(current.reportingInspector, o.inspectorName, o.inspectorTitle, undefined, 'inspector')
  if (inspector !== undefined) input.reportingInspector = inspector
  if (o.addressLine && o.address === false)
    throw new DomainError('invalid', 'Give --address-line or --no-address, not both')
  if (o.addressLine) input.addressLines = items(o.addressLine, '--address-line')
  if (o.address === false) input.addressLines = []
  if (o.salutation !== undefined) input.salutation = o.salutation.trim()
  if (o.summaryFile !== undefined) input.summary = readInput(o.summaryFile, 'summary file')
  if (o.aboutFile !== undefined) input.about = readInput(o.aboutFile, '"About this inspection" file')
  if (o.serviceInformationFile !== undefined)
    input.serviceInformation = readInput(o.serviceInformationFile, 'service information file')
  if (o.numberedParagraphs !== undefined) input.numberedParagraphs = o.numberedParagraphs
  return input
}

/** `assessment create|show|list|judge|recommend|details|sign|move|suggest|draft-narrative`. */
export function addAssessmentCommands(program: Command): void {
  const assessment = program.command('assessment').description('create, judge and move assessments')
  assessment
    .command('create')
    .requiredOption('--framework <id>', `one of ${FRAMEWORKS.map(f => f.id).join(', ')}`)
    .requiredOption('--authority <code>', 'GSS code, e.g. E09000020')
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .option('--json', 'print JSON')
    .action(async (options: { framework: string; authority: string; as: Role; user?: string; json?: boolean }) =>
      withStore(async ctx => {
        const a = await createAssessment(ctx, actorOf(options), {
          frameworkId: options.framework,
          authorityCode: options.authority,
        })
        options.json ? json(a) : out(`Created ${a.id} (version ${a.version})`)
      }),
    )
  assessment
    .command('show <id>')
    .addOption(roleOption('inspector'))
    .option('--json', 'print JSON')
    .action(async (id: string, options: { as: Role; json?: boolean }) =>
      withStore(async ctx => {
        const a = await readAssessment(ctx, actorOf(options), id)
        options.json ? json({ ...a, findings: evaluateRules(a, getFramework(a.frameworkId)) }) : printAssessment(a)
      }),
    )
  assessment
    .command('list')
    .option('--authority <code>')
    .option('--framework <id>')
    .addOption(new Option('--status <status>').choices(STATUSES))
    .action(async (options: { authority?: string; framework?: string; status?: Status }) =>
      withStore(async ({ store }) => {
        const list = await store.assessments.list({
          ...(options.authority ? { authorityCode: options.authority } : {}),
          ...(options.framework ? { frameworkId: options.framework } : {}),
          ...(options.status ? { status: options.status } : {}),
        })
        for (const a of list) out(`${a.id}  ${a.frameworkId}  ${a.authorityCode}  ${a.status}  v${a.version}`)
      }),
    )
  assessment
    .command('judge <id>')
    .description('record the grade (on the framework’s scale) and narrative of one area')
    .requiredOption('--version <n>', 'the version you read (a stale write is refused)', integer)
    .requiredOption('--area <id>', 'judgement area id (see `inspectorate frameworks --json`)')
    .option('--grade <n>', 'grade as printed on the framework’s scale', integer)
    .option('--narrative <text>')
    .option('--narrative-file <file>', 'the narrative, from a file (paragraphs separated by blank lines)')
    .option('--strength <text>', 'a strength, as printed (repeat for each; replaces those recorded)', collect)
    .option(
      '--area-for-development <text>',
      'an area for development, as printed (repeat for each; replaces those recorded)',
      collect,
    )
    .option('--override <rationale>', 'record a professional override of one rule’s finding, with its rationale')
    .option('--rule <id>', 'the rule whose finding the override answers (as `assessment show` lists it)')
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(
      async (
        id: string,
        o: {
          version: number
          area: string
          grade?: number
          narrative?: string
          narrativeFile?: string
          strength?: string[]
          areaForDevelopment?: string[]
          override?: string
          rule?: string
          as: Role
          user?: string
        },
      ) =>
        withStore(async ctx => {
          if ((o.override === undefined) !== (o.rule === undefined))
            throw new DomainError('invalid', 'An override answers one rule’s finding: give both --override and --rule')
          if (o.narrative !== undefined && o.narrativeFile !== undefined)
            throw new DomainError('invalid', 'Give the narrative once: --narrative or --narrative-file')
          const narrative = o.narrativeFile !== undefined ? readInput(o.narrativeFile, 'narrative file') : o.narrative
          const a = await recordJudgement(ctx, actorOf(o), id, o.version, {
            areaId: o.area,
            ...(o.grade !== undefined ? { grade: o.grade } : {}),
            ...(narrative !== undefined ? { narrative } : {}),
            ...(o.strength ? { strengths: items(o.strength, '--strength') } : {}),
            ...(o.areaForDevelopment
              ? { areasForDevelopment: items(o.areaForDevelopment, '--area-for-development') }
              : {}),
            ...(o.override !== undefined && o.rule !== undefined
              ? { overrides: [{ rule: o.rule, rationale: o.override }] }
              : {}),
          })
          out(`Recorded; ${a.id} is now at version ${a.version}`)
        }),
    )
  assessment
    .command('recommend <id>')
    .requiredOption('--version <n>', 'the version you read', integer)
    .requiredOption('--timescale <id>', 'e.g. immediately, within-three-months, within-six-months')
    .requiredOption('--text <text>')
    .option('--area <id>', 'the judgement area it belongs to')
    .option(
      '--progress <text>',
      'the progress made on it, where the letter prints progress (an earlier recommendation)',
    )
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(
      async (
        id: string,
        o: {
          version: number
          timescale: string
          text: string
          area?: string
          progress?: string
          as: Role
          user?: string
        },
      ) =>
        withStore(async ctx => {
          const a = await addRecommendation(ctx, actorOf(o), id, o.version, {
            areaId: o.area ?? null,
            text: o.text,
            timescaleId: o.timescale,
            progress: o.progress ?? null,
          })
          out(`Added; ${a.id} is now at version ${a.version}`)
        }),
    )
  assessment
    .command('details <id>')
    .description('write the letter’s or report’s details: dates, addressee and address, salutation, people, sections')
    .requiredOption('--version <n>', 'the version you read', integer)
    .option('--letter-date <date>', 'the date of the letter, YYYY-MM-DD ("" clears it)')
    .option('--published <date>', 'the date of publication, YYYY-MM-DD')
    .option('--inspection-start <date>', 'the first day of the inspection, YYYY-MM-DD')
    .option('--inspection-end <date>', 'the last day of the inspection, YYYY-MM-DD')
    .option('--period-start <date>', 'the start of the period assessed, YYYY-MM-DD')
    .option('--period-end <date>', 'the end of the period assessed, YYYY-MM-DD')
    .option(
      '--addressee-name <name>',
      'the addressee’s name as printed ("Mrs Anne Marie Carrie"; "" removes the addressee)',
    )
    .option('--addressee-title <title>', 'the addressee’s title as printed')
    .option('--addressee-organisation <name>', 'the addressee’s organisation as printed')
    .option(
      '--address-line <line>',
      'a line of the address below the organisation (repeat for each, in order)',
      collect,
    )
    .option('--no-address', 'remove the address lines')
    .option('--salutation <text>', 'as the letter prints it: "Dear Ms Carrie" ("" for none)')
    .option('--inspector-name <name>', 'the reporting inspector’s name ("" removes the inspector)')
    .option('--inspector-title <title>', 'the reporting inspector’s title as printed after the name, e.g. HMI')
    .option('--summary-file <file>', 'the summary, from a file (paragraphs separated by blank lines)')
    .option('--about-file <file>', '"About this inspection", from a file (paragraphs separated by blank lines)')
    .option(
      '--service-information-file <file>',
      '"Service information", from a file (paragraphs separated by blank lines)',
    )
    .option('--numbered-paragraphs', 'number the report’s paragraphs 1., 2., … through it')
    .option('--no-numbered-paragraphs', 'print its paragraphs without numbers')
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: DetailsOptions) =>
      withStore(async ctx => {
        const actor = actorOf(o)
        const current = await readAssessment(ctx, actor, id)
        const a = await updateDetails(ctx, actor, id, o.version, detailsFrom(o, current))
        o.json ? json(a) : out(`Saved; ${a.id} is now at version ${a.version}`)
      }),
    )
  assessment
    .command('sign <id>')
    .description('sign the letter or report as a quality assurer: your name, title and organisation as printed')
    .requiredOption('--version <n>', 'the version you read', integer)
    .requiredOption('--name <name>', 'your name as printed under your signature')
    .option('--title <title>', 'your title as printed under your name, e.g. "Divisional Manager"')
    .option('--organisation <name>', 'your organisation as printed under your title')
    .addOption(roleOption('quality-assurer'))
    .addOption(userOption())
    .action(
      async (
        id: string,
        o: { version: number; name: string; title?: string; organisation?: string; as: Role; user?: string },
      ) =>
        withStore(async ctx => {
          if (!o.name.trim()) throw new DomainError('invalid', 'Give the name printed under the signature: --name')
          const a = await signAssessment(ctx, actorOf(o), id, o.version, {
            name: o.name.trim(),
            title: o.title?.trim() || null,
            organisation: o.organisation?.trim() || null,
          })
          out(`Signed; ${a.id} is now at version ${a.version}`)
        }),
    )
  assessment
    .command('move <id>')
    .requiredOption('--version <n>', 'the version you read', integer)
    .addOption(new Option('--to <status>').choices(STATUSES).makeOptionMandatory())
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(async (id: string, o: { version: number; to: Status; as: Role; user?: string }) =>
      withStore(async ctx => {
        const a = await moveAssessment(ctx, actorOf(o), id, o.version, o.to)
        out(`${a.id} is now ${a.status} (version ${a.version})`)
      }),
    )
  assessment
    .command('suggest <id>')
    .description('keep on a rating assessment the rating its performance profile suggests, with the reasons')
    .requiredOption('--version <n>', 'the version you read', integer)
    .option('--data <year>', 'the data year (default: the letter’s year)', integer)
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(async (id: string, o: { version: number; data?: number; as: 'inspector'; user?: string }) =>
      withStore(async ctx => {
        const a = await suggestForAssessment(ctx, actorOf(o), id, o.version, o.data ? { dataYear: o.data } : {})
        const s = a.ratingSuggestion
        const scale = getFramework(a.frameworkId).scale
        const g = s?.grade ?? null
        out(
          `The profile suggests: ${g === null ? `none (${s?.missing.join('; ')})` : gradeLabel(scale, g)}; ${a.id} is now at version ${a.version}`,
        )
        out(s?.note ?? RATING_NOTE)
        for (const step of s?.steps ?? [])
          out(`  ${step.moved ? '*' : ' '} ${step.label} [${step.status}]: ${step.reason}`)
      }),
    )
  assessment
    .command('draft-narrative <id>')
    .description('draft the rating’s narrative from the profile’s bands, for editing')
    .requiredOption('--version <n>', 'the version you read', integer)
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(async (id: string, o: { version: number; as: 'inspector'; user?: string }) =>
      withStore(async ctx => {
        const a = await draftRatingNarrative(ctx, actorOf(o), id, o.version)
        out(a.judgements.find(j => j.areaId === 'childrens-services-rating')?.narrative ?? '')
      }),
    )
}
