// The command line's thread for a worker process's test files (test/support/cli.ts): loads the TypeScript worker through tsx.
import { workerData } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

try {
  await tsImport('./cli-worker.ts', import.meta.url)
} catch (e) {
  // Answer each command with the reason, rather than leave the test waiting for an answer that never comes.
  workerData.port.on('message', () => {
    workerData.port.postMessage({ status: 1, stdout: '', stderr: `The command line did not load: ${e.stack}` })
    Atomics.store(workerData.done, 0, 1)
    Atomics.notify(workerData.done, 0)
  })
}
