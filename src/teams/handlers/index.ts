// The one list of feature handlers. A feature adds its handler file next to this one, its
// dependencies to HandlerDeps (optional, so older wiring keeps compiling) and one line below.
import type { Logger } from 'pino';
import { helpHandler } from './help';
import type { AskPort, FeatureHandler } from './types';
import { whoDecidesHandler } from './who-decides';
import { casesHandler, type CasesHandlerDeps } from './cases';
import { conversationHandler } from './conversation';
import type { ConversationPort } from '../../conversations/ports';
import type { ConversationTracker } from '../conversation-tracker';
import { messageExtensionHandler, type MessageExtensionDeps } from './message-extension';

export interface HandlerDeps {
  assistant: AskPort;
  logger: Logger;
  cases?: Omit<CasesHandlerDeps, 'assistant'>;
  conversations?: { conversations: ConversationPort; tracker: ConversationTracker };
  /** Built over the core's approvals service (src/teams/handlers/approvals.ts). */
  approvals?: FeatureHandler;
  /** Built by src/compose/notifications.ts: cluster subscriptions and failed notifications. */
  subscriptions?: FeatureHandler;
  /** The compose-box message extension (src/teams/handlers/message-extension.ts). */
  messageExtension?: Omit<MessageExtensionDeps, 'assistant'>;
}

/** Every handler once; each intent and verb prefix has one owner (TeamsBot refuses two). */
export function createHandlers(deps: HandlerDeps): FeatureHandler[] {
  const shown = deps.cases?.shown;
  return [
    whoDecidesHandler({ assistant: deps.assistant, shownCase: shown ? (id) => shown.get(id) : undefined }),
    helpHandler(deps),
    ...(deps.cases ? [casesHandler({ ...deps.cases, assistant: deps.assistant })] : []),
    ...(deps.conversations ? [conversationHandler(deps.conversations)] : []),
    ...(deps.approvals ? [deps.approvals] : []),
    ...(deps.subscriptions ? [deps.subscriptions] : []),
    ...(deps.messageExtension
      ? [messageExtensionHandler({ ...deps.messageExtension, assistant: deps.assistant })]
      : []),
  ];
}
