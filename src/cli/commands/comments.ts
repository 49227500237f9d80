import { type Command, Option } from 'commander'
import { type Context, readAssessment } from '../../app/assessments.js'
import { addComment, answerComment, endComments, factualCheckOf, GENERAL_SECTION } from '../../app/comments.js'
import {
  type Actor,
  ANSWER_OUTCOME_LABELS,
  ANSWER_OUTCOMES,
  type AnswerOutcome,
  actorOf,
  areaTitle,
  getFramework,
  NotFoundError,
  ValidationError,
  visibleComments,
} from '../../domain/index.js'
import { json, out, withStore } from '../support.js'

interface AsUser {
  user: string
}

const userOption = () =>
  new Option(
    '--user <email>',
    'the registered user who acts (by email or id): their role, authority and name are theirs',
  ).makeOptionMandatory()

/**
 * The registered user named, as the web would see them signed in: comments carry their id and name, so that an
 * officer sees at the command line and on the web the same comments as their own.
 */
async function userActing(ctx: Context, named: string): Promise<{ actor: Actor; name: string }> {
  const user =
    (await ctx.store.users.find(named)) ?? (await ctx.store.users.withPasswordHash(named.trim().toLowerCase()))?.user
  if (!user) throw new NotFoundError(`No user ${named}: name a registered user by email (see \`users list\`)`)
  if (!user.active) throw new ValidationError(`${user.email} has been deactivated and cannot act`)
  return { actor: actorOf(user), name: user.name }
}

/** `inspectorate comments list|add|answer|done`: the factual accuracy check from the command line. */
export function addCommentCommands(program: Command): void {
  const comments = program
    .command('comments')
    .description(
      'the factual accuracy check: an authority officer comments on a draft and says "no more comments"; the inspection team answers each comment',
    )

  comments
    .command('list <assessment>')
    .description('the comments (an officer: their own), each with its answer, and where the check stands')
    .addOption(userOption())
    .option('--json', 'print JSON')
    .action(async (assessmentId: string, o: AsUser & { json?: boolean }) =>
      withStore(async ctx => {
        const { actor } = await userActing(ctx, o.user)
        const a = await readAssessment(ctx, actor, assessmentId)
        const shown = visibleComments(a, actor, await ctx.store.comments.forAssessment(a.id))
        if (!shown) throw new NotFoundError(`No comments on ${assessmentId} that you may see`)
        const check = await factualCheckOf(ctx, a)
        const answers = await ctx.store.commentAnswers.forAssessment(a.id)
        const f = getFramework(a.frameworkId)
        const list = shown.map(c => ({ ...c, answer: answers.find(x => x.commentId === c.id) ?? null }))
        if (o.json) return json({ check, comments: list })
        for (const c of list) {
          const section = c.section === GENERAL_SECTION ? 'the report as a whole' : areaTitle(f, c.section)
          out(`${c.id}  ${c.createdAt.slice(0, 16).replace('T', ' ')}  ${c.authorName}  on ${section}`)
          out(`  ${c.text}`)
          out(
            c.answer
              ? `  answer: ${ANSWER_OUTCOME_LABELS[c.answer.outcome]} (${c.answer.authorName}): ${c.answer.text}`
              : '  answer: none yet',
          )
        }
        out(
          [
            `${list.length} comment(s), ${check.unanswered.length} unanswered`,
            check.ended
              ? `no more comments (${check.ended.authorName}, ${check.ended.at.slice(0, 10)})`
              : check.open
                ? `open${check.deadline ? ` until the end of ${check.deadline}` : ''}`
                : `closed on ${check.deadline}`,
          ].join('; '),
        )
      }),
    )

  comments
    .command('add <assessment>')
    .description('an authority officer’s comment on a section of the draft at its factual accuracy check')
    .requiredOption('--text <text>', 'the comment')
    .option(
      '--section <id>',
      `the judgement area it is on (see \`inspectorate frameworks --json\`), or "${GENERAL_SECTION}" for the report as a whole`,
      GENERAL_SECTION,
    )
    .addOption(userOption())
    .option('--json', 'print JSON')
    .action(async (assessmentId: string, o: AsUser & { text: string; section: string; json?: boolean }) =>
      withStore(async ctx => {
        const { actor, name } = await userActing(ctx, o.user)
        const c = await addComment(ctx, actor, name, assessmentId, { section: o.section, text: o.text })
        o.json ? json(c) : out(`Commented ${c.id} on ${assessmentId}`)
      }),
    )

  comments
    .command('answer <assessment> <comment>')
    .description('the inspection team’s answer to a comment: accepted, with the change made; or not, with the reason')
    .addOption(
      new Option('--outcome <outcome>', 'whether it is accepted').choices(ANSWER_OUTCOMES).makeOptionMandatory(),
    )
    .requiredOption('--text <text>', 'the change made to the report, or the reason it is not accepted')
    .addOption(userOption())
    .option('--json', 'print JSON')
    .action(
      async (
        assessmentId: string,
        commentId: string,
        o: AsUser & { outcome: AnswerOutcome; text: string; json?: boolean },
      ) =>
        withStore(async ctx => {
          const { actor, name } = await userActing(ctx, o.user)
          const answer = await answerComment(ctx, actor, name, assessmentId, commentId, {
            outcome: o.outcome,
            text: o.text,
          })
          o.json ? json(answer) : out(`Answered ${commentId}: ${ANSWER_OUTCOME_LABELS[answer.outcome]}`)
        }),
    )

  comments
    .command('done <assessment>')
    .description('an authority officer says they have no more comments: the comments close')
    .addOption(userOption())
    .action(async (assessmentId: string, o: AsUser) =>
      withStore(async ctx => {
        const { actor, name } = await userActing(ctx, o.user)
        await endComments(ctx, actor, name, assessmentId)
        out(`No more comments on ${assessmentId}: the inspection team answers each comment, then it can be published`)
      }),
    )
}
