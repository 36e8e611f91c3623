// What the approvals feature is built from: its ports (storage, the directory, Teams) and its
// config. The feature's modules (rounds, delivery, cards, votes, waiting, substitutes) share one
// ApprovalDeps, built once by the composition root.
import type { CaseRepository, ProcessCatalog } from '../cases/ports';
import type { DirectoryPort } from '../directory/person';
import type { Clock } from '../common/clock';
import type { CardData } from './card-view';
import type { ApprovalStore, PostedCopy } from './ports';
import type { ReminderPolicy } from './reminders';
import type { ApprovalLang } from './texts';

/** Where a person can be written to directly (their personal chat with the bot). */
export interface PersonalChat {
  conversationId: string;
  serviceUrl: string;
  reference: unknown;
  teamsUserId: string | null;
}

export interface PersonalChats {
  find(aadObjectIds: readonly string[]): Promise<Map<string, PersonalChat>>;
}

export interface ConversationTarget {
  conversationId: string;
  serviceUrl: string;
  reference: unknown;
}

/** Teams, as the approvals feature uses it. */
export interface CardSender {
  post(target: ConversationTarget, card: CardData, summary: string): Promise<{ activityId: string }>;
  /**
   * Opens (or finds) the bot's personal chat with someone it has not talked to yet, by their Entra
   * object id, in the tenant of a conversation the bot knows (Teams allows this when the app is
   * installed for the person). Null when Teams refuses.
   */
  openPersonalChat(aadObjectId: string, via: ConversationTarget): Promise<ConversationTarget | null>;
  update(copy: PostedCopy, card: CardData): Promise<void>;
  sendText(target: ConversationTarget, text: string): Promise<void>;
}

export interface ApprovalConfig {
  /** Body id → the conversation (channel or group chat) where the body works. */
  bodyConversations: Readonly<Record<string, string>>;
  /** Also post the card in each approver's personal chat with the bot. */
  personalCopies: boolean;
  /**
   * Open a personal chat for an approver the bot has not talked to (real Teams). Off where the
   * client cannot show such a chat (the Agents Playground): the copy waits for the person's chat.
   */
  openPersonalChats: boolean;
  reminders: ReminderPolicy;
  /** For conversations whose language the bot does not know. */
  lang: ApprovalLang;
}

export interface ApprovalDeps {
  store: ApprovalStore;
  cases: Pick<CaseRepository, 'get' | 'history'>;
  catalog: ProcessCatalog;
  directory: Pick<DirectoryPort, 'get' | 'list'>;
  personalChats: PersonalChats;
  conversation(id: string): Promise<ConversationTarget | null>;
  sender: CardSender;
  clock: Clock;
  config: ApprovalConfig;
  newId(): string;
  onError?(err: unknown, context: string): void;
}

/** The bot itself as the actor of what the approvals job does. */
export const SYSTEM_ACTOR = { aadObjectId: 'system', name: 'Sundhedsaftale-bot' } as const;
