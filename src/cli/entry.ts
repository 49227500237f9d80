import { main } from './main.js'

// A reader that stops early (`inspectorate frameworks | head`) is not an error.
process.stdout.on('error', e => {
  if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0)
  throw e
})

await main(process.argv)
