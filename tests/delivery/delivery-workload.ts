import type { NewOutboxMessage } from "../../src/domain/outbound.js";
import type { FakeDiscord } from "../fakes/fake-discord.js";
import type { FakeSlackApi } from "../fakes/fake-slack-api.js";
import type { SeededRandom } from "./seeded-random.js";

const WINDOW = "2026-01-15T07:00:00.000Z";

/** The body is the outbox key itself, so the fakes' records say which message each post was. */
function message(target: string, group: string, part: number, key: string): NewOutboxMessage {
  return { key, target, group, part, payload: { kind: "text", text: key } };
}

/** The parts of one digest, as the digest job writes them (one transaction, part order). */
export function digestParts(target: string, digestId: string, parts: number): NewOutboxMessage[] {
  const group = `digest:${digestId}:${WINDOW}`;
  return Array.from({ length: parts }, (_, part) => message(target, group, part, `${group}:${part}`));
}

/** One watch alert (watch + story cluster is its idempotency key). */
export function alert(target: string, n: number): NewOutboxMessage {
  const key = `alert:w${n % 7}:c${n}`;
  return message(target, key, 0, key);
}

export interface WorkloadSpec {
  targets: readonly string[];
  digests: number;
  partsPerDigest: number;
  alerts: number;
}

/** Digests and alerts to random targets, in a seeded random order; a digest's parts stay together. */
export function buildWorkload(random: SeededRandom, spec: WorkloadSpec): NewOutboxMessage[] {
  const units: NewOutboxMessage[][] = [
    ...Array.from({ length: spec.digests }, (_, i) => digestParts(random.pick(spec.targets), `d${i}`, spec.partsPerDigest)),
    ...Array.from({ length: spec.alerts }, (_, i) => [alert(random.pick(spec.targets), i)]),
  ];
  for (let i = units.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [units[i], units[j]] = [units[j]!, units[i]!];
  }
  return units.flat();
}

/** One post as a fake platform recorded it, in arrival order. */
export interface Delivery {
  channel: string;
  key: string;
}

/** Slack posts; each must carry its delivery id in metadata (that is what reconciliation looks for). */
export function slackDeliveries(fake: FakeSlackApi): Delivery[] {
  return fake.messages.map((m) => {
    const deliveryId = m.metadata?.event_payload.delivery_id;
    return { channel: m.channel, key: deliveryId === m.text ? m.text : `${m.text} (metadata says ${String(deliveryId)})` };
  });
}

export function discordDeliveries(fake: FakeDiscord): Delivery[] {
  return fake.messages.map((m) => ({ channel: m.channelId, key: String(m.body.content) }));
}

/**
 * Everything wrong with what the platforms received, given what was enqueued (in enqueue order) and where
 * each target's posts land: missing, doubled or unknown posts, posts in the wrong channel, a target's posts
 * out of enqueue order, a digest out of part order. Empty when every message arrived exactly once and in
 * order. Order is per target: two spellings of one channel (`slack:#desk`, `slack:C0DESK`) are two lanes.
 */
export function deliveryProblems(enqueued: readonly NewOutboxMessage[], deliveries: readonly Delivery[], channelOf: (target: string) => string): string[] {
  const problems: string[] = [];
  const position = new Map(enqueued.map((m, i) => [m.key, i]));
  const byKey = new Map(enqueued.map((m) => [m.key, m]));
  const seen = new Map<string, number>();
  for (const d of deliveries) seen.set(d.key, (seen.get(d.key) ?? 0) + 1);
  for (const [key, count] of seen) {
    if (!byKey.has(key)) problems.push(`unexpected post ${key}`);
    else if (count > 1) problems.push(`${key} posted ${count} times`);
  }
  for (const m of enqueued) if (!seen.has(m.key)) problems.push(`${m.key} never posted`);
  const lastOfTarget = new Map<string, number>();
  for (const d of deliveries) {
    const m = byKey.get(d.key);
    if (!m) continue;
    if (channelOf(m.target) !== d.channel) problems.push(`${d.key} went to ${d.channel}, not ${channelOf(m.target)}`);
    const at = position.get(d.key) ?? -1;
    if (at < (lastOfTarget.get(m.target) ?? -1)) problems.push(`${d.key} arrived out of order in ${m.target}`);
    lastOfTarget.set(m.target, Math.max(at, lastOfTarget.get(m.target) ?? -1));
  }
  const lastPart = new Map<string, number>();
  for (const d of deliveries) {
    const m = byKey.get(d.key);
    if (!m) continue;
    if (m.part < (lastPart.get(m.group) ?? -1)) problems.push(`${m.group} part ${m.part} arrived after a later part`);
    lastPart.set(m.group, Math.max(m.part, lastPart.get(m.group) ?? -1));
  }
  return problems;
}
