import type { Command } from 'commander'
import { jobsOf, stopJobs } from '../../app/jobs.js'
import { keepProfilesWarm } from '../../app/profile.js'
import { addUser } from '../../app/users.js'
import { createLogger, type Logger } from '../../lib/logger.js'
import { PdfPrinter } from '../../render/pdf.js'
import type { StoreTarget } from '../../store/connection.js'
import { openStore } from '../../store/store.js'
import { createApp } from '../../web/app.js'
import { configured, contextOf, integer, out, workerOptions } from '../support.js'

/** The store of a long-running process, each connection the server ends logged: it goes on with new ones. */
function logged(target: StoreTarget, logger: Logger): StoreTarget {
  if (target.kind !== 'postgres') return target
  return {
    ...target,
    onConnectionError: e => logger.warn({ error: e.message }, 'the database ended a connection; new ones are made'),
  }
}

/** `serve`: the web service, which works on jobs too. */
export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the web service on the configured store (migrating it first)')
    .option('--port <port>', 'port to listen on (default: $PORT or 3000)', integer)
    .action(async (options: { port?: number }) => {
      const config = configured()
      const logger = createLogger(config.LOG_LEVEL)
      const store = await openStore(logged(config.store, logger))
      const ctx = contextOf(store)
      if (config.INSPECTORATE_ADMIN_EMAIL && config.INSPECTORATE_ADMIN_PASSWORD && (await store.users.count()) === 0) {
        await addUser(ctx, null, {
          email: config.INSPECTORATE_ADMIN_EMAIL,
          name: config.INSPECTORATE_ADMIN_NAME,
          role: 'administrator',
          authorityCode: null,
          password: config.INSPECTORATE_ADMIN_PASSWORD,
        })
        logger.info({ email: config.INSPECTORATE_ADMIN_EMAIL }, 'created the first administrator from the environment')
      }
      if ((await store.users.count()) === 0)
        logger.warn(
          'No users yet: add the first administrator with `inspectorate users add --role admin`, or set INSPECTORATE_ADMIN_EMAIL and INSPECTORATE_ADMIN_PASSWORD',
        )
      const printer = new PdfPrinter()
      // Long work runs here too; `inspectorate worker` adds workers that share it (on PostgreSQL).
      await (await jobsOf(ctx, workerOptions())).work()
      // Embedded PGlite has no autovacuum: refresh the planner's statistics as the store grows.
      const analyze =
        config.store.kind === 'pglite'
          ? setInterval(() => store.analyze().catch(err => logger.warn({ err }, 'analyze failed')), 10 * 60_000)
          : undefined
      analyze?.unref()
      // The profiles' national data built ahead, and again soon after each import (here or on a worker).
      const stopWarming = keepProfilesWarm(ctx, 5_000, err =>
        logger.warn({ err }, 'reading the profile data ahead failed'),
      )
      const port = options.port ?? config.PORT
      const server = createApp({
        store,
        logger,
        printer,
        secureCookies: config.secureCookies,
        trustProxy: config.TRUST_PROXY ?? false,
      }).listen(port, config.HOST, () =>
        logger.info({ url: `http://${config.HOST}:${port}/`, store: store.description }, 'Inspectorate is listening'),
      )
      const stop = () => {
        logger.info('stopping')
        stopWarming()
        server.close(
          () =>
            void Promise.all([printer.close(), stopJobs(store)])
              .then(() => store.close())
              .then(() => process.exit(0)),
        )
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}

/** `worker`: more workers on the queue, beside the service's own. */
export function addWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'take jobs from the queue (reading reports, importing data, checking rules) until stopped; several workers on several machines share one PostgreSQL store',
    )
    .option('--concurrency <n>', 'jobs of each kind at a time', integer, 1)
    .action(async (o: { concurrency: number }) => {
      const config = configured()
      const store = await openStore(logged(config.store, createLogger(config.LOG_LEVEL)))
      const ctx = contextOf(store)
      const jobs = await jobsOf(ctx, workerOptions())
      await jobs.work(o.concurrency)
      out(`Worker ${jobs.workerName} is taking jobs from ${store.description}`)
      await new Promise(resolve => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      await stopJobs(store)
      await store.close()
    })
}
