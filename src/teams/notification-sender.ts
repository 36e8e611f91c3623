// Posts a notification card to a conversation through botbuilder (CloudAdapter's proactive
// continueConversationAsync and its ConnectorClient), and reports the outcome as data for the
// dispatcher's retry policy: the HTTP status and Retry-After, never an exception.
//
// The connector client's HTTP pipeline retries 429/5xx by itself (up to 3 times). The dispatcher
// must see every attempt: it paces, backs off, counts attempts and keeps the one-in-flight rule,
// and a hidden retry after a 504 that Teams had in fact accepted is an uncounted duplicate. So
// the pipeline's retry policy is removed from each client; a test checks it stays removed.
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
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
    const raw = h && typeof (h as { get?: unknown }).get === 'function' ? (h as { get(n: string): string | undefined }).get('retry-after') : (h as Record<string, string> | undefined)?.['retry-after'];
    const retryAfterMs = parseRetryAfter(raw, now);
    return { kind: 'http_error', status: e.statusCode, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), message: e.message };
  }
  return { kind: 'network_error', message: e.code ?? e.message ?? String(err) };
}

export class TeamsNotificationSender implements NotificationSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    /** Must stay below the dispatcher's lane lease, so a slow send never outlives the lease. */
    private readonly timeoutMs = 20_000,
    private readonly onPipelineChanged: () => void = () => undefined,
  ) {}

  async send(target: { conversationId: string; reference: unknown }, message: CardMessage): Promise<SendOutcome> {
    const reference = target.reference as Partial<ConversationReference>;
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(expandCard(message.template, message.data)));
    activity.summary = message.summary;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<SendOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'network_error', message: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs);
    });
    try {
      return await Promise.race([this.post(target.conversationId, reference, activity), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async post(conversationId: string, reference: Partial<ConversationReference>, activity: ReturnType<typeof MessageFactory.attachment>): Promise<SendOutcome> {
    let outcome: SendOutcome = { kind: 'network_error', message: 'not sent' };
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (ctx: TurnContext) => {
        const client = ctx.turnState.get<ConnectorClient>(ctx.adapter.ConnectorClientKey);
        if (!disableHiddenRetries(client)) this.onPipelineChanged();
        try {
          const res = await client.conversations.sendToConversation(conversationId, { ...activity, conversation: { id: conversationId } } as never);
          outcome = { kind: 'sent', activityId: res?.id };
        } catch (err) {
          outcome = outcomeOfError(err, Date.now());
        }
      });
    } catch (err) {
      outcome = outcomeOfError(err, Date.now());
    }
    return outcome;
  }
}
