export { DeliveryError, type DeliveryFailure, type DeliveryScope } from "./delivery-error.js";
export type { Sender, SenderForTarget } from "./sender.js";
export { createOutboxRelay, platformOf, type OutboxRelay, type OutboxRelayOptions, type RelayLog } from "./outbox-relay.js";
export type { OutboxStore, PausedTarget } from "./outbox-store.js";
export { createEnqueueSignal, type EnqueueSignal } from "./enqueue-signal.js";
