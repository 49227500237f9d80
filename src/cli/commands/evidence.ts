import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { type Command, Option } from 'commander'
import { addEvidence, evidenceLog, linkEvidenceItem, purgeEvidence } from '../../app/evidence.js'
import {
  DomainError,
  EVIDENCE_KIND_LABELS,
  EVIDENCE_KINDS,
  type EvidenceItem,
  type EvidenceKind,
  type Role,
} from '../../domain/index.js'
import { actorOf, collect, integer, json, out, roleOption, userOption, withStore } from '../support.js'

/** "aspect=rating" or "role=count": the name before the last `=`, the value after it. */
function pairs(values: readonly string[], what: string): [string, string][] {
  return values.map(v => {
    const at = v.lastIndexOf('=')
    if (at < 1 || at === v.length - 1)
      throw new DomainError('invalid', `--${what} must be written NAME=VALUE, not "${v}"`)
    return [v.slice(0, at).trim(), v.slice(at + 1).trim()]
  })
}

function readFile(path: string): { fileName: string; mediaType: string; bytes: Uint8Array } {
  try {
    return { fileName: basename(path), mediaType: 'application/octet-stream', bytes: readFileSync(path) }
  } catch (e) {
    throw new DomainError('invalid', `Cannot read the file ${path}: ${(e as NodeJS.ErrnoException).code ?? e}`)
  }
}

function line(i: EvidenceItem): string {
  const what = [
    EVIDENCE_KIND_LABELS[i.kind],
    i.caseReference ? `case ${i.caseReference}` : null,
    i.findings.length ? i.findings.map(f => `${f.aspect} ${f.rating}`).join(', ') : null,
    i.participants.length ? i.participants.map(p => `${p.role} ×${p.count}`).join(', ') : null,
    i.files.length ? `${i.files.length} file(s)` : null,
  ].filter(Boolean)
  return `${i.id}  ${i.title}  (${what.join('; ')})  informs: ${i.areaIds.join(', ') || 'no judgement yet'}`
}

/** `inspectorate evidence add|list|link|purge`: the inspection's evidence from the command line. */
export function addEvidenceCommands(program: Command): void {
  const evidence = program
    .command('evidence')
    .description('the inspection’s evidence: case file audits, meetings, documents, surveys, observations')
  evidence
    .command('add <assessment>')
    .description('record an item of evidence (a case is named by its reference, never a child’s name)')
    .addOption(new Option('--kind <kind>', 'what it is').choices(EVIDENCE_KINDS).makeOptionMandatory())
    .requiredOption('--title <text>', 'a short description, e.g. "Case file 4471" or "Meeting with team managers"')
    .option('--case-ref <ref>', 'case file audits: the council’s case reference (letters and digits, no names)')
    .option('--finding <aspect=rating>', 'case file audits: an aspect’s rating (repeat)', collect)
    .option('--participant <role=count>', 'meetings: who took part, by role (repeat)', collect)
    .option('--respondents <n>', 'surveys: how many responded', integer)
    .option('--notes <text>', 'what it showed (do not name children)')
    .option('--area <id>', 'a judgement it informs (repeat)', collect)
    .option('--file <path>', 'a file to attach, up to 10 MB (repeat)', collect)
    .option('--name <name>', 'your name as the log shows it', '')
    .option('--json', 'print JSON')
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(
      async (
        assessmentId: string,
        o: {
          kind: EvidenceKind
          title: string
          caseRef?: string
          finding?: string[]
          participant?: string[]
          respondents?: number
          notes?: string
          area?: string[]
          file?: string[]
          name: string
          json?: boolean
          as: Role
          user?: string
        },
      ) => {
        const participants = pairs(o.participant ?? [], 'participant').map(([role, count]) => {
          if (!/^\d+$/.test(count))
            throw new DomainError('invalid', `--participant ${role}: the count must be a whole number`)
          return { role, count: Number(count) }
        })
        const files = (o.file ?? []).map(readFile)
        await withStore(async ctx => {
          const actor = actorOf(o)
          const item = await addEvidence(
            ctx,
            actor,
            o.name || actor.id,
            assessmentId,
            {
              kind: o.kind,
              title: o.title,
              caseReference: o.caseRef ?? null,
              findings: pairs(o.finding ?? [], 'finding').map(([aspect, rating]) => ({ aspect, rating })),
              participants,
              respondents: o.respondents ?? null,
              notes: o.notes ?? '',
              areaIds: o.area ?? [],
            },
            files,
          )
          o.json ? json(item) : out(`Recorded ${line(item)}`)
        })
      },
    )
  evidence
    .command('list <assessment>')
    .description('the evidence log, with its summary; filter by judgement area or kind')
    .option('--area <id>', 'only what informs this judgement')
    .addOption(new Option('--kind <kind>').choices(EVIDENCE_KINDS))
    .option('--json', 'print JSON')
    .addOption(roleOption('inspector'))
    .action(async (assessmentId: string, o: { area?: string; kind?: EvidenceKind; json?: boolean; as: Role }) =>
      withStore(async ctx => {
        const log = await evidenceLog(ctx, actorOf(o), assessmentId, { areaId: o.area, kind: o.kind })
        if (o.json)
          return json({
            items: log.shown,
            counts: log.counts,
            summary: log.summary,
            purged: log.purged,
            retentionEnds: log.retentionEnds,
            findings: log.findings,
          })
        for (const i of log.shown) out(line(i))
        out(
          `Summary: ${log.summary || 'no evidence recorded'}${log.purged ? ` (the items were deleted ${log.purged.at.slice(0, 10)}, after their retention)` : ''}`,
        )
        for (const f of log.findings) out(`advice: ${f.message}`)
      }),
    )
  evidence
    .command('link <assessment> <evidence>')
    .description('link an item to the judgements it informs (replaces its links; no --area unlinks it)')
    .option('--area <id>', 'a judgement it informs (repeat)', collect)
    .option('--json', 'print JSON')
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(
      async (
        assessmentId: string,
        evidenceId: string,
        o: { area?: string[]; json?: boolean; as: Role; user?: string },
      ) =>
        withStore(async ctx => {
          const item = await linkEvidenceItem(ctx, actorOf(o), assessmentId, evidenceId, o.area ?? [])
          o.json ? json(item) : out(`Linked ${line(item)}`)
        }),
    )
  evidence
    .command('purge')
    .description('delete the evidence of published assessments whose retention period has passed, keeping the counts')
    .option('--dry-run', 'say what would be deleted, delete nothing')
    .option('--json', 'print JSON')
    .addOption(roleOption('administrator'))
    .addOption(userOption())
    .action(async (o: { dryRun?: boolean; json?: boolean; as: Role; user?: string }) =>
      withStore(async ctx => {
        const purged = await purgeEvidence(ctx, actorOf(o), { dryRun: o.dryRun ?? false })
        if (o.json) return json(purged)
        for (const p of purged)
          out(
            `${o.dryRun ? 'Would delete' : 'Deleted'} the evidence of ${p.assessmentId} (retention ended ${p.retentionEnded})`,
          )
        out(`${purged.length} assessment(s)${o.dryRun ? ' would be' : ''} purged`)
      }),
    )
}
