import type { Clock } from "../../../domain/clock.js";
import { DeliveryError } from "../../../outbox/delivery-error.js";

export interface ChannelPacerOptions {
  clock: Clock;
  /** Gap between two posts to one channel; Slack allows about one message a second per channel. */
  intervalMs?: number;
  /** How to wait; tests pass one that moves a manual clock. */
  sleep?: (ms: number) => Promise<void>;
}

/** Spaces the posts to each channel, and holds a channel back for as long as a 429 asked. */
export interface ChannelPacer {
  /** Waits for this channel's next slot; throws a retry `DeliveryError` while the channel is paused. */
  take(channel: string): Promise<void>;
  pause(channel: string, ms: number): void;
}

export function createChannelPacer(options: ChannelPacerOptions): ChannelPacer {
  const { clock } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const nextSlot = new Map<string, number>();
  const pausedUntil = new Map<string, number>();

  return {
    async take(channel) {
      const now = clock.now().getTime();
      const paused = pausedUntil.get(channel) ?? 0;
      if (paused > now) {
        throw new DeliveryError("retry", `slack channel ${channel} is rate limited`, { retryAfterMs: paused - now });
      }
      // The slot is reserved before waiting, so concurrent sends to one channel queue up in call order.
      const slot = Math.max(now, nextSlot.get(channel) ?? 0);
      nextSlot.set(channel, slot + intervalMs);
      if (slot > now) await sleep(slot - now);
    },
    pause(channel, ms) {
      const until = clock.now().getTime() + ms;
      pausedUntil.set(channel, Math.max(until, pausedUntil.get(channel) ?? 0));
      nextSlot.set(channel, Math.max(until, nextSlot.get(channel) ?? 0));
    },
  };
}
