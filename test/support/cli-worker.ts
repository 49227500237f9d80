import { readFileSync } from 'node:fs'
import { Readable, Writable } from 'node:stream'
import { type MessagePort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { run } from '../../src/cli/main.js'

/** One command for the thread that runs the command line for a test file (test/support/cli.ts). */
export interface CliRequest {
  args: string[]
  input: string
  env: NodeJS.ProcessEnv
  /** A migrated store's dump to write into the data directory first. */
  seed?: { dataDir: string; template: string }
}

const { port, done } = workerData as { port: MessagePort; done: Int32Array }

const sink = (add: (s: string) => void) =>
  new Writable({
    decodeStrings: false,
    write(chunk, _encoding, next) {
      add(String(chunk))
      next()
    },
  })

port.on('message', async (r: CliRequest) => {
  let stdout = ''
  let stderr = ''
  let status: number
  try {
    if (r.seed) {
      const loadDataDir = new Blob([readFileSync(r.seed.template)])
      await (await PGlite.create({ dataDir: r.seed.dataDir, loadDataDir })).close()
    }
    status = await run(['node', 'inspectorate', ...r.args], {
      stdin: Readable.from([r.input]),
      stdout: sink(s => {
        stdout += s
      }),
      stderr: sink(s => {
        stderr += s
      }),
      env: r.env,
    })
  } catch (e) {
    stderr += (e as Error).stack ?? String(e)
    status = 1
  }
  port.postMessage({ status, stdout, stderr })
  Atomics.store(done, 0, 1)
  Atomics.notify(done, 0)
})
