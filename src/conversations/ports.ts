// Conversations the bot is installed in (team channels, group chats, personal chats), with the
// reference needed to message them proactively later, and each one's organisation binding.
import type { OrgId } from '../assistant/answer';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface ConversationRecord {
  id: string;
  kind: ConversationKind;
  tenantId: string | null;
  teamId: string | null;
  serviceUrl: string;
  /** botbuilder's ConversationReference as received; opaque to the domain. */
  reference: unknown;
  org: OrgId | null;
  installedAt: string;
  updatedAt: string;
  removedAt: string | null;
}

export interface ConversationUpsert {
  id: string;
  kind: ConversationKind;
  tenantId?: string | null;
  teamId?: string | null;
  serviceUrl: string;
  reference: unknown;
}

export interface ConversationPort {
  /** Records (or refreshes) a conversation; clears a previous removal. Keeps its org binding. */
  upsert(c: ConversationUpsert): Promise<void>;
  markRemoved(id: string): Promise<void>;
  get(id: string): Promise<ConversationRecord | null>;
  list(filter?: { kind?: ConversationKind; teamId?: string; includeRemoved?: boolean }): Promise<ConversationRecord[]>;
  /** Binds a conversation to an organisation; a conversation not yet recorded is refused. */
  bindOrg(
    id: string,
    org: OrgId | null,
  ): Promise<{ kind: 'bound'; org: OrgId | null } | { kind: 'unknown_conversation' }>;
  orgOf(id: string): Promise<OrgId | null>;
}
