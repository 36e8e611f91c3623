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

export interface HandlerDeps {
  assistant: AskPort;
  logger: Logger;
  cases?: Omit<CasesHandlerDeps, 'assistant'>;
  conversations?: { conversations: ConversationPort; tracker: ConversationTracker };
  /** Built by src/compose/approvals.ts; listed after cases so its richer "historik" answers. */
  approvals?: FeatureHandler;
  /** Built by src/compose/notifications.ts: cluster subscriptions and failed notifications. */
  subscriptions?: FeatureHandler;
}

export function createHandlers(deps: HandlerDeps): FeatureHandler[] {
  return [
    whoDecidesHandler(deps),
    helpHandler(deps),
    // Registered after who-decides: answers "hvem beslutter det?" about a case shown in the thread, delegates the rest.
    ...(deps.cases ? [casesHandler({ ...deps.cases, assistant: deps.assistant, whoDecides: whoDecidesHandler(deps) })] : []),
    ...(deps.conversations ? [conversationHandler(deps.conversations)] : []),
    ...(deps.approvals ? [deps.approvals] : []),
    ...(deps.subscriptions ? [deps.subscriptions] : []),
  ];
}
