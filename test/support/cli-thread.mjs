// The command line's thread for a worker process's test files (test/support/cli.ts): loads the worker built for the run
// (test/support/workers-built.ts), or else the TypeScript through tsx.
import { pathToFileURL } from 'node:url'
import { workerData } from 'node:worker_threads'

try {
  const built = process.env.INSPECTORATE_CLI_WORKER
  if (built) await import(pathToFileURL(built).href)
  else await (await import('tsx/esm/api')).tsImport('./cli-worker.ts', import.meta.url)
} catch (e) {
  // Answer each command with the reason, rather than leave the test waiting for an answer that never comes.
  workerData.port.on('message', () => {
    workerData.port.postMessage({ status: 1, stdout: '', stderr: `The command line did not load: ${e.stack}` })
    Atomics.store(workerData.done, 0, 1)
    Atomics.notify(workerData.done, 0)
  })
}
