// The one list of feature handlers. A feature adds its handler file next to this one, its
// dependencies to HandlerDeps (optional, so older wiring keeps compiling) and one line below.
import type { Logger } from 'pino';
import { helpHandler } from './help';
import type { AskPort, FeatureHandler } from './types';
import { whoDecidesHandler } from './who-decides';

export interface HandlerDeps {
  assistant: AskPort;
  logger: Logger;
}

export function createHandlers(deps: HandlerDeps): FeatureHandler[] {
  return [
    whoDecidesHandler(deps),
    helpHandler(deps),
  ];
}
