import { platformOf, type OutboxStore } from "../../outbox/index.js";
import type { OutboxGauges } from "./prometheus-metrics.js";

/** Outbox depth and paused destinations counted per platform from the store. */
export function outboxGauges(store: Pick<OutboxStore, "listOutbox" | "pausedTargets">): OutboxGauges {
  return {
    async depth() {
      const counts = new Map<string, { state: string; platform: string; count: number }>();
      for (const message of await store.listOutbox(["pending", "failed"])) {
        const platform = platformOf(message.target);
        const key = `${message.status}\n${platform}`;
        const row = counts.get(key) ?? { state: message.status, platform, count: 0 };
        row.count += 1;
        counts.set(key, row);
      }
      return [...counts.values()];
    },
    async paused() {
      const counts = new Map<string, number>();
      for (const { target } of await store.pausedTargets()) counts.set(platformOf(target), (counts.get(platformOf(target)) ?? 0) + 1);
      return [...counts].map(([platform, count]) => ({ platform, count }));
    },
  };
}
