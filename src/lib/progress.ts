import cliProgress from 'cli-progress'

export interface Progress {
  tick(done: number, total: number): void
  stop(): void
}

/** A progress bar with its ETA on an interactive terminal; silent when output is piped or logged. */
export function progressBar(
  label: string,
  stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
): Progress {
  if (!stream.isTTY) return { tick: () => {}, stop: () => {} }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  )
  let started = false
  return {
    tick(done, total) {
      if (!started) {
        bar.start(total, 0)
        started = true
      }
      bar.setTotal(total)
      bar.update(done)
    },
    stop: () => started && bar.stop(),
  }
}
