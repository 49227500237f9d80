import { mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url))

/**
 * A TypeScript script of the tests (and the source it imports) built into one JavaScript file in a directory of its
 * own, for a test to start as a plain `node` process: a fraction of the start-up of `node --import tsx`, which
 * transforms every file it loads. The packages it imports are not built in; they load from the project's
 * node_modules (linked beside the file), and one whose imports the script never uses is not loaded at all (the
 * source imports none for its side effects alone). Returns the file's path.
 */
export async function bundle(entry: URL): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-bundle-'))
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'))
  const source = fileURLToPath(entry)
  const outfile = join(dir, `${basename(source, extname(source))}.mjs`)
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-outside',
        setup: b => b.onResolve({ filter: /^[^./]/ }, a => ({ path: a.path, external: true, sideEffects: false })),
      },
    ],
  })
  return outfile
}
