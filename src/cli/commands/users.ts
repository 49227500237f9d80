import { type Command, Option } from 'commander'
import { addUser, updateUser } from '../../app/users.js'
import { ROLES } from '../../domain/index.js'
import { actorOf, io, json, out, withStore } from '../support.js'

/** `users add|list|deactivate`. */
export function addUsersCommands(program: Command): void {
  const users = program.command('users').description('people who sign in, and their roles')
  users
    .command('add')
    .description(
      'add a user; the password is read from standard input (piped) or asked for. The first user must be an administrator',
    )
    .requiredOption('--email <email>', 'their email address, which they sign in with')
    .requiredOption('--name <name>', 'their name')
    .addOption(
      new Option('--role <role>', 'inspector, quality-assurer, authority-officer or admin(istrator)')
        .choices([...ROLES, 'admin'])
        .makeOptionMandatory(),
    )
    .option('--authority <code>', 'the GSS code of an authority officer’s authority')
    .action(async (o: { email: string; name: string; role: string; authority?: string }) => {
      const password = await readPassword()
      await withStore(async ctx => {
        const first = (await ctx.store.users.count()) === 0
        const u = await addUser(ctx, first ? null : actorOf({ as: 'administrator' }), {
          email: o.email,
          name: o.name,
          role: o.role === 'admin' ? 'administrator' : o.role,
          authorityCode: o.authority ?? null,
          password,
        })
        out(`Added ${u.email} (${u.role}${u.authorityCode ? `, ${u.authorityCode}` : ''}) as ${u.id}`)
      })
    })
  users
    .command('list')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) =>
      withStore(async ctx => {
        const list = await ctx.store.users.list()
        if (o.json) return json(list)
        for (const u of list)
          out(
            `${u.id}  ${u.email}  ${u.role}${u.authorityCode ? ` ${u.authorityCode}` : ''}${u.active ? '' : '  (deactivated)'}`,
          )
      }),
    )
  users
    .command('deactivate <id>')
    .description('stop a user signing in, and end their sessions')
    .action(async (id: string) =>
      withStore(async ctx => {
        const u = await updateUser(ctx, actorOf({ as: 'administrator' }), id, {
          active: false,
        })
        out(`${u.email} can no longer sign in`)
      }),
    )
}

/** A password from standard input when it is piped; otherwise asked for twice, without echo. */
async function readPassword(): Promise<string> {
  const { stdin, stderr } = io()
  if (!stdin.isTTY) {
    let text = ''
    for await (const chunk of stdin) text += String(chunk)
    return text.replace(/\r?\n$/, '')
  }
  const { createInterface } = await import('node:readline/promises')
  const ask = async (prompt: string) => {
    const rl = createInterface({ input: stdin, output: stderr, terminal: true })
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput
    ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
      write.call(rl, s.startsWith(prompt) ? prompt : '')
    const answer = await rl.question(prompt)
    rl.close()
    stderr.write('\n')
    return answer
  }
  const first = await ask('Password: ')
  if ((await ask('Password again: ')) !== first) throw new Error('The passwords do not match')
  return first
}
