// Posts a notification card to a conversation through botbuilder (CloudAdapter's proactive
// continueConversationAsync and its ConnectorClient), and reports the outcome as data for the
// dispatcher's retry policy: the HTTP status and Retry-After, never an exception.
//
// The connector client's HTTP pipeline retries 429/5xx by itself (up to 3 times). The dispatcher
// must see every attempt: it paces, backs off, counts attempts and keeps the one-in-flight rule,
// and a hidden retry after a 504 that Teams had in fact accepted is an uncounted duplicate. So
// the pipeline's retry policy is removed from each client; a test checks it stays removed.
import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { ConnectorClient } from 'botframework-connector';
import { epochMs, systemClock, type Clock } from '../common/clock';
import type { CardMessage, NotificationSender } from '../notifications/ports';
import { parseRetryAfter, type SendOutcome } from '../notifications/retry';
import { expandCard } from './cards';

interface PipelineLike {
  removePolicy(options: { name?: string; phase?: string }): unknown;
}

/** Removes the Azure pipeline's retry phase from a ConnectorClient; false if its shape changed. */
export function disableHiddenRetries(client: ConnectorClient): boolean {
  const inner = (client as unknown as { client?: { pipeline?: PipelineLike } }).client;
  if (!inner?.pipeline || typeof inner.pipeline.removePolicy !== 'function') return false;
  inner.pipeline.removePolicy({ phase: 'Retry' });
  return true;
}

interface HttpErrorLike {
  statusCode?: number;
  message?: string;
  code?: string;
  response?: { headers?: { get?(name: string): string | undefined } | Record<string, string> };
}

export function outcomeOfError(err: unknown, now: number): SendOutcome {
  const e = (err ?? {}) as HttpErrorLike;
  if (typeof e.statusCode === 'number' && e.statusCode > 0) {
    const h = e.response?.headers;
    const raw =
      h && typeof (h as { get?: unknown }).get === 'function'
        ? (h as { get(n: string): string | undefined }).get('retry-after')
        : (h as Record<string, string> | undefined)?.['retry-after'];
    const retryAfterMs = parseRetryAfter(raw, now);
    return {
      kind: 'http_error',
      status: e.statusCode,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      message: e.message,
    };
  }
  return { kind: 'network_error', message: e.code ?? e.message ?? String(err) };
}

const CLIENT_TTL_MS = 10 * 60_000;

export class TeamsNotificationSender implements NotificationSender {
  private readonly clients = new Map<string, { client: Promise<ConnectorClient>; until: number }>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    /** Must stay below the dispatcher's lane lease, so a slow send never outlives the lease. */
    private readonly timeoutMs = 20_000,
    private readonly onPipelineChanged: () => void = () => undefined,
    /** The dispatcher's clock: a Retry-After date is turned into a delay on the clock it waits on. */
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {}

  async send(target: { conversationId: string; reference: unknown }, message: CardMessage): Promise<SendOutcome> {
    const reference = target.reference as Partial<ConversationReference>;
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(expandCard(message.template, message.data)));
    activity.summary = message.summary;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ kind: 'network_error', message: `no answer within ${this.timeoutMs} ms` }),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([this.post(target.conversationId, reference, activity), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async post(
    conversationId: string,
    reference: Partial<ConversationReference>,
    activity: ReturnType<typeof MessageFactory.attachment>,
  ): Promise<SendOutcome> {
    try {
      const client = await this.clientFor(reference);
      const res = await client.conversations.sendToConversation(conversationId, {
        ...activity,
        conversation: { id: conversationId },
      } as never);
      return { kind: 'sent', activityId: res?.id };
    } catch (err) {
      return outcomeOfError(err, epochMs(this.clock));
    }
  }

  /**
   * The connector client botbuilder builds for a proactive turn to this service URL, kept for a
   * while: building one per message (pipeline, credentials) costs more CPU than the send itself.
   * Its credentials fetch and refresh their own tokens, so reuse does not outlive a token.
   */
  private clientFor(reference: Partial<ConversationReference>): Promise<ConnectorClient> {
    const key = reference.serviceUrl ?? '';
    const cached = this.clients.get(key);
    const now = epochMs(this.clock);
    if (cached && cached.until > now) return cached.client;
    // One build per service URL even when fifty conversations ask at once.
    const client = this.buildClient(reference);
    this.clients.set(key, { client, until: now + CLIENT_TTL_MS });
    client.catch(() => this.clients.delete(key));
    return client;
  }

  private async buildClient(reference: Partial<ConversationReference>): Promise<ConnectorClient> {
    let shared: ConnectorClient | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (ctx: TurnContext) => {
      shared = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
    });
    if (!shared) throw new Error('botbuilder gave no connector client for a proactive turn');
    // The adapter shares its client with every turn (src/teams/client-cache.ts); ours gets its own
    // pipeline on the same credentials, so removing the hidden retries changes nothing for replies.
    const client = new ConnectorClient(shared.credentials, { baseUri: reference.serviceUrl });
    if (!disableHiddenRetries(client)) this.onPipelineChanged();
    return client;
  }
}
