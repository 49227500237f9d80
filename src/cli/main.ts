import { Command, CommanderError } from 'commander'
import { DomainError } from '../domain/index.js'
import { addAssessmentCommands } from './commands/assessment.js'
import { addAuditCommands } from './commands/audit.js'
import { addAuthoritiesCommands } from './commands/authorities.js'
import { addCommentCommands } from './commands/comments.js'
import { addDataCommands } from './commands/data.js'
import { addDbCommands } from './commands/db.js'
import { addEvidenceCommands } from './commands/evidence.js'
import { addFrameworksCommand } from './commands/frameworks.js'
import { addIngestCommand } from './commands/ingest.js'
import { addJobCommands } from './commands/jobs.js'
import { addProfileCommands } from './commands/profile.js'
import { addRenderCommand } from './commands/render.js'
import { addRulesCommands } from './commands/rules.js'
import { addServeCommand, addWorkerCommand } from './commands/serve.js'
import { addTransferCommands } from './commands/transfer.js'
import { addUsersCommands } from './commands/users.js'
import { type CliIo, EXIT_CODES, inRun, io, setExitCode } from './support.js'

/** The program: its shared settings, then each command group in the order its help lists them. */
export function buildProgram(): Command {
  const program = new Command('inspectorate')
    .description("Assessment and inspection of English local authorities' children's services")
    .showHelpAfterError()
    // Set before any subcommand is added, so that each inherits them: no process.exit, and the run's own streams.
    .exitOverride()
    .configureOutput({ writeOut: s => io().stdout.write(s), writeErr: s => io().stderr.write(s) })
  for (const group of [
    addServeCommand,
    addDbCommands,
    addFrameworksCommand,
    addAuthoritiesCommands,
    addAuditCommands,
    addRulesCommands,
    addTransferCommands,
    addIngestCommand,
    addRenderCommand,
    addAssessmentCommands,
    addDataCommands,
    addProfileCommands,
    addWorkerCommand,
    addJobCommands,
    addEvidenceCommands,
    addCommentCommands,
    addUsersCommands,
  ])
    group(program)
  return program
}

/**
 * Runs the command line (argv as process.argv gives it) on these streams and environment, and answers its exit code;
 * it never exits the process. Domain errors become a message and a non-zero exit code, never a stack trace.
 */
export async function run(argv: string[], streams: CliIo): Promise<number> {
  return inRun(streams, async () => {
    const stderr = io().stderr
    try {
      await buildProgram().parseAsync(argv)
    } catch (e) {
      if (e instanceof CommanderError) {
        // Commander has printed its message (or the help) already.
        setExitCode(e.exitCode)
      } else if (e instanceof DomainError) {
        stderr.write(`Error: ${e.message}\n`)
        const problems = 'problems' in e && Array.isArray(e.problems) ? (e.problems as string[]) : []
        for (const p of problems.filter(p => p !== e.message)) stderr.write(`  - ${p}\n`)
        setExitCode(EXIT_CODES[e.code])
      } else {
        stderr.write(`Error: ${(e as Error).message}\n`)
        setExitCode(1)
      }
    }
  })
}

/** Runs the command line in this process, on its own streams. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await run(argv, io())
}
