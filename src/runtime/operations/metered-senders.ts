import type { Clock } from "../../domain/clock.js";
import type { Metrics } from "../../domain/metrics.js";
import { DeliveryError, platformOf, type Sender, type SenderForTarget } from "../../outbox/index.js";

/**
 * Wraps each platform's sender to time deliveries from queueing to acceptance and count rate limits.
 * A 429 is the one retry the adapters classify with a wait attached.
 */
export function meteredSenders(senderFor: SenderForTarget, metrics: Metrics, clock: Clock): SenderForTarget {
  const wrapped = new Map<Sender, Sender>();
  return (target) => {
    const sender = senderFor(target);
    if (!sender) return null;
    let metered = wrapped.get(sender);
    if (!metered) {
      const inner = sender;
      metered = {
        async send(message) {
          const platform = platformOf(message.target);
          try {
            const sent = await inner.send(message);
            metrics.delivered(platform, (clock.now().getTime() - Date.parse(message.createdAt)) / 1000);
            return sent;
          } catch (error) {
            if (error instanceof DeliveryError && error.failure === "retry" && error.retryAfterMs !== null) metrics.rateLimited(platform);
            throw error;
          }
        },
      };
      wrapped.set(sender, metered);
    }
    return metered;
  };
}
