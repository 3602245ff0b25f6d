import type { OutboxMessage } from "../domain/outbound.js";

/** Delivers one outbox message to a platform; throws `DeliveryError` when it cannot. */
export interface Sender {
  send(message: OutboxMessage): Promise<{ platformMessageId: string | null }>;
}

/** Picks the sender for a formatted target such as `slack:#news`; null when none is configured. */
export type SenderForTarget = (target: string) => Sender | null;
