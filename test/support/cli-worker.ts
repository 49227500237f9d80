import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Readable, Writable } from 'node:stream'
import { type MessagePort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { run } from '../../src/cli/main.js'
import type { StoreTarget } from '../../src/store/connection.js'
import { openStore, type Store } from '../../src/store/store.js'

/** One command for the thread that runs the command line for a test file (test/support/cli.ts). */
export interface CliRequest {
  args: string[]
  input: string
  env: NodeJS.ProcessEnv
  /** A migrated store's dump to write into the data directory first. */
  seed?: { dataDir: string; template: string }
}

/** Closes the stores the commands kept open (a test file's end): the thread stays, with the program loaded. */
export interface CliCloseRequest {
  close: true
}

const { port, done } = workerData as { port: MessagePort; done: Int32Array }

/**
 * The embedded stores this thread's commands have opened, kept open from one command to the next: starting PGlite
 * on a data directory costs most of a second, and a test file runs dozens of commands. What a command sees is the
 * same as reopening: its changes were committed, and `migrationsApplied` is empty after the first opening.
 */
const open = new Map<string, Promise<Store>>()

/** Starts the store of a new data directory from the run's migrated template, kept for the commands to come. */
function seedStore({ dataDir, template }: NonNullable<CliRequest['seed']>): void {
  const key = resolve(dataDir)
  open.set(
    key,
    PGlite.create({ dataDir: key, loadDataDir: new Blob([readFileSync(template)]) }).then(client =>
      openStore({ kind: 'pglite', dataDir: key, client }),
    ),
  )
}

function openKept(target: StoreTarget): Promise<Store> {
  if (target.kind !== 'pglite' || !target.dataDir) return openStore(target)
  const key = resolve(target.dataDir)
  const kept = open.get(key)
  const reused = kept !== undefined
  const opening = kept ?? openStore({ kind: 'pglite', dataDir: key })
  if (!reused) open.set(key, opening)
  return opening.then(store =>
    Object.create(store, {
      close: { value: async () => {} },
      ...(reused ? { migrationsApplied: { value: [] } } : {}),
    }),
  )
}

const sink = (add: (s: string) => void) =>
  new Writable({
    decodeStrings: false,
    write(chunk, _encoding, next) {
      add(String(chunk))
      next()
    },
  })

async function closeKept(): Promise<void> {
  const stores = [...open.values()]
  open.clear()
  const closing = (await Promise.allSettled(stores)).map(s => (s.status === 'fulfilled' ? s.value.close() : null))
  const failed = (await Promise.allSettled(closing)).find(c => c.status === 'rejected')
  if (failed) throw failed.reason
}

// The thread outlives its test files: what a command left running that fails later must not end it (and with it
// every later file's commands), so it is written where that file's tests will see it.
process.on('unhandledRejection', e => process.stderr.write(`inspectorate (command line thread): ${String(e)}\n`))

const answer = (reply: unknown) => {
  port.postMessage(reply)
  Atomics.store(done, 0, 1)
  Atomics.notify(done, 0)
}

port.on('message', async (r: CliRequest | CliCloseRequest) => {
  if ('close' in r) {
    await closeKept().then(
      () => answer({ closed: true }),
      e => answer({ closed: false, error: String(e) }),
    )
    return
  }
  let stdout = ''
  let stderr = ''
  let status: number
  try {
    if (r.seed) seedStore(r.seed)
    status = await run(['node', 'inspectorate', ...r.args], {
      stdin: Readable.from([r.input]),
      stdout: sink(s => {
        stdout += s
      }),
      stderr: sink(s => {
        stderr += s
      }),
      env: r.env,
      openStore: openKept,
    })
  } catch (e) {
    stderr += (e as Error).stack ?? String(e)
    status = 1
  }
  answer({ status, stdout, stderr })
})
