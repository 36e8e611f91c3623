// The Teams bot: cleans each message, finds its intent and hands it to the feature handler for that
// intent; routes card buttons (Action.Execute invokes and Action.Submit messages) by verb prefix;
// welcomes the team or person that installs it. Bad input gets a clear reply, never an exception.
import {
  MessageFactory,
  StatusCodes,
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { OrgId } from '../assistant/answer';
import { detectIntent as realDetectIntent, type DetectedIntent } from '../assistant/intent';
import type { ActionResult, FeatureHandler, IntentKind, TurnInfo } from './handlers/types';
import { strings } from './strings';
import { turnInfo } from './turn';
import { helpCard, welcomeCard } from './views/help';

export interface BotDeps {
  handlers: FeatureHandler[];
  defaultOrg: OrgId;
  logger: Logger;
  detectIntent?: (text: string) => DetectedIntent;
  /** The organisation a conversation is bound to, if any (binding comes with storage). */
  orgFor?: (ctx: TurnContext) => Promise<OrgId | undefined>;
}

/** Fallback for intents no feature has registered yet: the assistant answers them. */
const FALLBACK_INTENT: IntentKind = 'who_decides';

const ExecuteValue = z.object({
  action: z.object({
    type: z.literal('Action.Execute').optional(),
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional().catch(undefined),
  }),
});
const SubmitValue = z.looseObject({ verb: z.string().min(1).max(100) });

/** Two features claim the same chat intent or card verbs: the bot refuses to start. */
export class RoutingError extends Error {
  override readonly name = 'RoutingError';
}

/** Registers `h` for each key; a key another handler has already claimed is a wiring error. */
function claimOnce<K extends string>(map: Map<K, FeatureHandler>, keys: readonly K[], h: FeatureHandler, what: string) {
  for (const key of keys) {
    const other = map.get(key);
    if (other) throw new RoutingError(`the ${what} "${key}" is claimed by both "${other.name}" and "${h.name}"`);
    map.set(key, h);
  }
}

/** Teams sends both conversationUpdate and installationUpdate on install; greet once. */
const WELCOME_DEDUP_MS = 60_000;

export class TeamsBot extends TeamsActivityHandler {
  private readonly byIntent = new Map<IntentKind, FeatureHandler>();
  private readonly byVerb: FeatureHandler[];
  private readonly byInvoke = new Map<string, FeatureHandler>();
  private readonly detect: (text: string) => DetectedIntent;
  private readonly welcomed = new Map<string, number>();

  constructor(private readonly deps: BotDeps) {
    super();
    // Routing is explicit: a chat line or a card verb that two features claim is a wiring error,
    // found at start-up, never "whichever registered last wins".
    for (const h of deps.handlers) {
      if (h.onMessage) claimOnce(this.byIntent, h.intents ?? [], h, 'intent');
      if (h.onInvoke) claimOnce(this.byInvoke, h.invokeNames ?? [], h, 'invoke');
    }
    if (!this.byIntent.has(FALLBACK_INTENT))
      throw new RoutingError(`no handler registered for the ${FALLBACK_INTENT} intent`);
    this.byVerb = deps.handlers.filter((h) => h.verbPrefix && h.onAction);
    for (const a of this.byVerb) {
      for (const b of this.byVerb) {
        if (a !== b && b.verbPrefix!.startsWith(a.verbPrefix!)) {
          throw new RoutingError(
            `card verbs "${b.verbPrefix}…" are claimed by both "${a.name}" ("${a.verbPrefix}…") and "${b.name}"`,
          );
        }
      }
    }
    this.detect = deps.detectIntent ?? realDetectIntent;

    this.onMessage(async (ctx, next) => {
      await this.handleMessage(ctx);
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      const botId = ctx.activity.recipient?.id;
      if (botId && (ctx.activity.membersAdded ?? []).some((m) => m?.id === botId)) await this.welcome(ctx);
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      await this.welcome(ctx);
      await next();
    });
  }

  private async turn(ctx: TurnContext): Promise<TurnInfo> {
    const org = (await this.deps.orgFor?.(ctx)) ?? this.deps.defaultOrg;
    return turnInfo(ctx.activity, org);
  }

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const turn = await this.turn(ctx);
    const s = strings(turn.lang);
    if (turn.text.length === 0) {
      const submit = SubmitValue.safeParse(ctx.activity.value);
      if (submit.success) {
        const { verb, ...data } = submit.data;
        await this.replyWithActionResult(ctx, await this.runAction(ctx, verb, data, turn), turn);
      } else if (hasUserAttachments(ctx)) {
        await ctx.sendActivity(s.attachmentOnly);
      } else {
        await ctx.sendActivity(MessageFactory.attachment(helpCard(turn.lang, s.emptyMessage)));
      }
      return;
    }
    const intent = this.detect(turn.text);
    const handler = this.byIntent.get(intent.kind) ?? this.byIntent.get(FALLBACK_INTENT)!;
    this.deps.logger.debug(
      { intent: intent.kind, handler: handler.name, conversationType: turn.conversationType },
      'message',
    );
    await handler.onMessage!(ctx, turn, intent);
  }

  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    const name = ctx.activity.name;
    if (name === 'adaptiveCard/action') return this.onCardExecute(ctx);
    const owner = name ? this.byInvoke.get(name) : undefined;
    if (owner) return owner.onInvoke!(ctx, name!, await this.turn(ctx));
    this.deps.logger.info({ name }, 'unsupported invoke');
    return {
      status: StatusCodes.NOT_IMPLEMENTED,
      body: { code: 'NotImplemented', message: `This bot does not handle invoke "${String(name ?? '')}".` },
    };
  }

  private async onCardExecute(ctx: TurnContext): Promise<InvokeResponse> {
    const turn = await this.turn(ctx);
    const value = ExecuteValue.safeParse(ctx.activity.value);
    const result: ActionResult = value.success
      ? await this.runAction(ctx, value.data.action.verb, value.data.action.data ?? {}, turn)
      : { kind: 'error', status: 400, message: strings(turn.lang).badAction };
    const body: AdaptiveCardInvokeResponse =
      result.kind === 'card'
        ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card.content }
        : result.kind === 'message'
          ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.text as never }
          : {
              statusCode: result.status,
              type: 'application/vnd.microsoft.error',
              value: { code: 'BadRequest', message: result.message } as never,
            };
    return { status: result.kind === 'error' ? result.status : 200, body };
  }

  private async runAction(
    ctx: TurnContext,
    verb: string,
    data: Record<string, unknown>,
    turn: TurnInfo,
  ): Promise<ActionResult> {
    const handler = this.byVerb.find((h) => verb.startsWith(h.verbPrefix!));
    if (!handler) return { kind: 'error', status: 400, message: strings(turn.lang).unknownAction };
    return handler.onAction!(ctx, { verb, data, turn });
  }

  /** Action.Submit arrives as a message, so its result is posted rather than replacing the card. */
  private async replyWithActionResult(ctx: TurnContext, result: ActionResult, turn: TurnInfo): Promise<void> {
    if (result.kind === 'card') await ctx.sendActivity(MessageFactory.attachment(result.card));
    else if (result.kind === 'message') await ctx.sendActivity(result.text);
    else await ctx.sendActivity(result.message || strings(turn.lang).badAction);
  }

  private async welcome(ctx: TurnContext): Promise<void> {
    const key = ctx.activity.conversation?.id ?? '';
    const now = Date.now();
    const last = this.welcomed.get(key);
    if (last !== undefined && now - last < WELCOME_DEDUP_MS) return;
    this.welcomed.set(key, now);
    if (this.welcomed.size > 1000)
      for (const [k, t] of this.welcomed) if (now - t >= WELCOME_DEDUP_MS) this.welcomed.delete(k);
    const turn = await this.turn(ctx);
    await ctx.sendActivity(MessageFactory.attachment(welcomeCard(turn.lang, turn.conversationType)));
  }
}

/** Teams adds a text/html copy of every message; only other attachments are the user's. */
function hasUserAttachments(ctx: TurnContext): boolean {
  return (ctx.activity.attachments ?? []).some((a) => a && a.contentType !== 'text/html');
}
