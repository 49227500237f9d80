import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { inject } from 'vitest'
import type { CliCloseRequest, CliRequest } from './cli-worker.js'

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

const toMigrate = new Set<string>()

/**
 * A fresh embedded data directory for one CLI test. The first command run on it (by `cli`) finds it holding a
 * migrated, empty store, copied from the run's template; with `{ migrated: false }` it finds nothing there.
 */
export function tempDataDir(options: { migrated?: boolean } = {}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'inspectorate-cli-')), 'data')
  if (options.migrated !== false) toMigrate.add(dir)
  return dir
}

/** Runs `inspectorate ARGS` in this process (in a thread of its own) on the given embedded data directory. */
export function cli(dataDir: string, ...args: string[]): CliResult {
  return cliWithInput(dataDir, '', ...args)
}

/** The same, with text on standard input (a password, say). */
export function cliWithInput(dataDir: string, input: string, ...args: string[]): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, INSPECTORATE_DATA: dataDir, LOG_LEVEL: 'warn' }
  delete env.DATABASE_URL
  const template = inject('pgliteTemplate')
  const request: CliRequest = { args, input, env }
  if (toMigrate.delete(dataDir) && template) request.seed = { dataDir, template }
  return ask(request, `inspectorate ${args.join(' ')}`) as CliResult
}

/** Sends the command line thread one request and waits for its answer, as a spawned process was waited for. */
function ask(request: CliRequest | CliCloseRequest, what: string): unknown {
  const { port, done } = cliThread()
  Atomics.store(done, 0, 0)
  port.postMessage(request)
  if (Atomics.wait(done, 0, 0, 300_000) === 'timed-out') {
    // A thread that does not answer is not asked again: the next command starts a new one.
    void thread?.worker.terminate()
    thread = undefined
    throw new Error(`${what}: no answer`)
  }
  const reply = receiveMessageOnPort(port)?.message as unknown
  if (!reply) throw new Error(`${what}: the command line thread answered nothing`)
  return reply
}

let thread: { worker: Worker; port: MessagePort; done: Int32Array } | undefined

/**
 * The thread that runs the command line for this worker process's test files: it loads the program once (a few
 * seconds of CPU), and each command then runs as `run` (src/cli/main.ts) on its own streams and environment,
 * without starting a process.
 */
function cliThread() {
  if (thread) return thread
  const done = new Int32Array(new SharedArrayBuffer(4))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(new URL('./cli-thread.mjs', import.meta.url), {
    workerData: { port: port2, done },
    transferList: [port2],
  })
  worker.unref()
  thread = { worker, port: port1, done }
  return thread
}

/** At a test file's end: the stores its commands kept open are closed; the thread stays for the next file. */
export function closeCliStores(): void {
  if (!thread) return
  const reply = ask({ close: true }, 'closing the command line’s stores') as { closed: boolean; error?: string }
  if (!reply.closed) throw new Error(`The command line’s stores did not close: ${reply.error}`)
}
