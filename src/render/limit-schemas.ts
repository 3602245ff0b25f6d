import { z } from "zod";
import type { OutboundPayload } from "../domain/outbound.js";
import { DISCORD_LIMITS, SLACK_LIMITS } from "./limits.js";

/** Every mrkdwn object we send is verbatim: Slack then links and mentions nothing we did not write as a token. */
const mrkdwn = (max: number) => z.strictObject({ type: z.literal("mrkdwn"), text: z.string().min(1).max(max), verbatim: z.literal(true) });

export const slackBlockSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("header"),
    text: z.strictObject({ type: z.literal("plain_text"), text: z.string().min(1).max(SLACK_LIMITS.headerText), emoji: z.literal(true) }),
  }),
  z.strictObject({ type: z.literal("section"), text: mrkdwn(SLACK_LIMITS.sectionText) }),
  z.strictObject({ type: z.literal("context"), elements: z.array(mrkdwn(SLACK_LIMITS.contextText)).min(1).max(SLACK_LIMITS.contextElements) }),
  z.strictObject({ type: z.literal("divider") }),
]);

export const slackPayloadSchema = z.strictObject({
  kind: z.literal("slack"),
  text: z.string().min(1).max(SLACK_LIMITS.fallbackText),
  blocks: z.array(slackBlockSchema).max(SLACK_LIMITS.blocksPerMessage),
  unfurl_links: z.literal(false),
  unfurl_media: z.literal(false),
});

export const discordEmbedSchema = z.strictObject({
  title: z.string().min(1).max(DISCORD_LIMITS.title).optional(),
  description: z.string().min(1).max(DISCORD_LIMITS.description).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  fields: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(DISCORD_LIMITS.fieldName),
        value: z.string().min(1).max(DISCORD_LIMITS.fieldValue),
        inline: z.boolean().optional(),
      }),
    )
    .max(DISCORD_LIMITS.fields)
    .optional(),
  author: z.strictObject({ name: z.string().min(1).max(DISCORD_LIMITS.authorName) }).optional(),
  footer: z.strictObject({ text: z.string().min(1).max(DISCORD_LIMITS.footerText) }).optional(),
  timestamp: z.iso.datetime().optional(),
});

export const discordPayloadSchema = z
  .strictObject({
    kind: z.literal("discord"),
    content: z.string().max(DISCORD_LIMITS.content),
    embeds: z.array(discordEmbedSchema).max(DISCORD_LIMITS.embedsPerMessage),
    allowed_mentions: z.strictObject({ parse: z.tuple([]), replied_user: z.literal(false) }),
  })
  .refine((message) => message.content.length > 0 || message.embeds.length > 0, "a message needs content or an embed")
  .refine((message) => embedsLength(message.embeds) <= DISCORD_LIMITS.embedTotal, `embeds exceed ${DISCORD_LIMITS.embedTotal} characters`);

export type SlackBlock = z.infer<typeof slackBlockSchema>;
export type DiscordEmbed = z.infer<typeof discordEmbedSchema>;

/** The characters Discord counts towards its 6,000 per message. */
export function embedLength(embed: DiscordEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

export function embedsLength(embeds: readonly DiscordEmbed[]): number {
  return embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
}

/** Throws if a payload would break a platform limit: a renderer bug, caught here rather than by a 400 later. */
export function assertWithinLimits(payload: OutboundPayload): void {
  const schema = payload.kind === "slack" ? slackPayloadSchema : payload.kind === "discord" ? discordPayloadSchema : null;
  const result = schema?.safeParse(payload);
  if (result && !result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "(message)"}: ${issue.message}`).join("; ");
    throw new Error(`rendered ${payload.kind} message breaks a platform limit: ${issues}`);
  }
}
