export { DeliveryError, type DeliveryFailure } from "./delivery-error.js";
export type { Sender, SenderForTarget } from "./sender.js";
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions, type RelayLog } from "./outbox-relay.js";
export type { OutboxStore, PausedTarget } from "./outbox-store.js";
