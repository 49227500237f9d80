import { type Actor, ForbiddenError, isAdministrator, NotFoundError, ValidationError } from '../domain/index.js'
import type { Context } from './assessments.js'

/** Adds a name an authority is printed under, so that reports printing it are matched to the authority. */
export async function addAuthorityAlias(ctx: Context, actor: Actor, code: string, alias: string): Promise<void> {
  if (!isAdministrator(actor)) throw new ForbiddenError('Only an administrator may change authorities')
  const name = alias.replace(/\s+/g, ' ').trim()
  if (name.length < 3 || name.length > 200) throw new ValidationError('Enter the name as printed, 3 to 200 characters')
  await ctx.store.transaction(async tx => {
    const authority = await tx.authorities.get(code)
    if (!authority) throw new NotFoundError(`No authority with GSS code ${code}`)
    const others = (await tx.authorities.list()).filter(
      a => a.code !== code && [a.name, ...a.aliases].some(n => n.toLowerCase() === name.toLowerCase()),
    )
    if (others.length > 0)
      throw new ValidationError(`"${name}" is already a name of ${others.map(a => a.name).join(', ')}`)
    if ([authority.name, ...authority.aliases].some(n => n.toLowerCase() === name.toLowerCase()))
      throw new ValidationError(`"${name}" is already a name of ${authority.name}`)
    const aliases = [...authority.aliases, name]
    await tx.authorities.setAliases(code, aliases)
    await tx.audit.append(actor, ctx.now(), {
      action: 'authority.alias',
      entity: 'authority',
      entityId: code,
      before: { aliases: authority.aliases },
      after: { aliases },
    })
  })
}
