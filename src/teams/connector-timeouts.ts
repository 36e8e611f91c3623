// Every call the bot makes to the Bot Connector gets a timeout and no hidden retries. The Azure
// pipeline inside ConnectorClient retries 429/5xx and network errors with back-off (an unreachable
// serviceUrl held a request 10–11 s) and has no timeout at all; a turn has to answer Teams within
// its 15-second invoke window, and the notification dispatcher does its own counted retries.
import type { ConnectorClient } from 'botframework-connector';
import { disableHiddenRetries } from './notification-sender';

/** Longest wait for one Bot Connector call (Teams answers in well under a second). */
export const CONNECTOR_TIMEOUT_MS = 4_000;

interface PipelineLike {
  addPolicy(policy: {
    name: string;
    sendRequest(request: { timeout: number }, next: (r: unknown) => Promise<unknown>): Promise<unknown>;
  }): void;
  getOrderedPolicies?(): Array<{ name: string }>;
}

/** Sets the timeout on each request of this client and removes its retry phase; false if its shape changed. */
export function boundConnectorCalls(client: ConnectorClient, timeoutMs = CONNECTOR_TIMEOUT_MS): boolean {
  if (!disableHiddenRetries(client)) return false;
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline || typeof pipeline.addPolicy !== 'function') return false;
  if (pipeline.getOrderedPolicies?.().some((p) => p.name === 'connectorTimeout')) return true;
  pipeline.addPolicy({
    name: 'connectorTimeout',
    sendRequest(request, next) {
      if (!request.timeout || request.timeout > timeoutMs) request.timeout = timeoutMs;
      return next(request);
    },
  });
  return true;
}
