// The contract between the bot (src/teams/bot.ts) and each feature's Teams handler. The bot turns a
// TurnContext into a TurnInfo (mention removed, text bounded, language and organisation chosen) and
// hands it to the handler registered for the detected intent or for the card action's verb prefix.
import type { Attachment, InvokeResponse, TurnContext } from 'botbuilder';
import type { Lang, OrgId } from '../../assistant/answer';
import type { Assistant } from '../../assistant/assistant';
import type { DetectedIntent } from '../../assistant/intent';

export type IntentKind = DetectedIntent['kind'];

/** What the bot knows about a turn, already cleaned and bounded. */
export interface TurnInfo {
  /** The user's text without the @mention, trimmed and cut to MAX_QUERY_CHARS. */
  text: string;
  /** True when the original text was longer than MAX_QUERY_CHARS. */
  truncated: boolean;
  /** Set when the Teams locale says English; otherwise the engine guesses from the text. */
  langHint?: Lang;
  /** Language for replies that are not based on an Answer (hint, else Danish). */
  lang: Lang;
  org: OrgId;
  conversationId: string;
  conversationType: string;
  tenantId?: string;
  teamId?: string;
  channelId?: string;
  userId: string;
  userAadId?: string;
  userName?: string;
}

/** A click on an Adaptive Card button: Action.Execute (invoke) or Action.Submit (message with value). */
export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  turn: TurnInfo;
}

/**
 * What a card action produces. For Action.Execute a card replaces the clicked card and a message is
 * shown as a toast; for Action.Submit both are posted in the conversation.
 */
export type ActionResult =
  | { kind: 'card'; card: Attachment }
  | { kind: 'message'; text: string }
  | { kind: 'error'; status: 400 | 403 | 404 | 409 | 412 | 429; message: string };

export interface FeatureHandler {
  name: string;
  /** Intents whose chat messages this handler answers. */
  intents?: readonly IntentKind[];
  onMessage?(ctx: TurnContext, turn: TurnInfo, intent: DetectedIntent): Promise<void>;
  /** Card-action verbs starting with this prefix (e.g. "case.") go to onAction. */
  verbPrefix?: string;
  onAction?(ctx: TurnContext, action: CardAction): Promise<ActionResult>;
  /** Invoke names (e.g. "composeExtension/query") this handler answers; each has one owner. */
  invokeNames?: readonly string[];
  onInvoke?(ctx: TurnContext, name: string, turn: TurnInfo): Promise<InvokeResponse>;
}

/** The assistant as the bot needs it (src/assistant/assistant.ts implements it). */
export type AskPort = Pick<Assistant, 'ask'>;
