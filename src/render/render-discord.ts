import type { Digest } from "../domain/digest.js";
import type { OutboundPayload } from "../domain/outbound.js";
import { digestView, storyCountOf } from "./digest-view.js";
import { DISCORD_ATOMS, escapeDiscord, plainDiscord } from "./escape-discord.js";
import { embedLength, embedsLength, type DiscordEmbed } from "./limit-schemas.js";
import { DISCORD_LIMITS } from "./limits.js";
import { splitMessages } from "./split-messages.js";
import { storyView, topicTitle, type StoryView } from "./story-view.js";
import { truncate } from "./truncate.js";

type DiscordPayload = Extract<OutboundPayload, { kind: "discord" }>;

/** Escaping doubles punctuation at worst, so escaped pieces get twice their plain budget. */
const ESCAPED_TITLE = 500;
const ESCAPED_EXCERPT = 500;
const ESCAPED_META = 700;
/** Kept free in every message for the footer that goes on the digest's last embed. */
const FOOTER_ROOM = 400;
const TOPIC_COLOURS = [0x5865f2, 0x57f287, 0xfee75c, 0xeb459e, 0xed4245, 0x3ba55c, 0xfaa61a, 0x99aab5] as const;

/**
 * Discord messages for a digest: the header as content, one embed per topic (continued in another embed
 * when its stories overflow a description), as many messages as the 10-embed and 6,000-character limits
 * need. No URL is ever in `content`, so nothing unfurls, and the embeds we send must not be suppressed.
 */
export function renderDiscord(digest: Digest): OutboundPayload[] {
  const view = digestView(digest);
  const heading = `${escapeDiscord(view.beat)} · ${escapeDiscord(view.day)}`;
  if (storyCountOf(digest) === 0) return [discordMessage(truncate(escapeDiscord(view.emptyNote), DISCORD_LIMITS.content, { atoms: DISCORD_ATOMS }), [])];

  const embeds: DiscordEmbed[] = [];
  digest.sections.forEach((topic, index) => {
    const name = topicTitle(topic.topicName);
    const colour = TOPIC_COLOURS[index % TOPIC_COLOURS.length];
    let current: DiscordEmbed = { title: escapeDiscord(name), color: colour };
    for (const story of topic.stories) {
      const chunk = storyChunk(storyView(story, digest));
      const description = current.description ? `${current.description}\n\n${chunk}` : chunk;
      if (current.description && description.length > DISCORD_LIMITS.description) {
        embeds.push(current);
        current = { title: escapeDiscord(`${name} (continued)`), color: colour, description: chunk };
      } else {
        current = { ...current, description };
      }
    }
    if (current.description) embeds.push(current);
  });

  const room = DISCORD_LIMITS.embedTotal - FOOTER_ROOM;
  const parts = splitMessages(embeds, (message, next) => message.length < DISCORD_LIMITS.embedsPerMessage && embedsLength(message) + embedLength(next) <= room);
  const last = parts.at(-1)?.at(-1);
  if (last && view.footer.length > 0) {
    const text = view.footer.map(({ label, command }) => `${label}: ${command}`).join(" · ");
    last.footer = { text: truncate(plainDiscord(text), FOOTER_ROOM) };
    last.timestamp = new Date(digest.generatedAt).toISOString();
  }
  return parts.map((part, index) => {
    const count = parts.length > 1 ? ` (${index + 1}/${parts.length})` : "";
    const content = index === 0 ? `**${heading}**\n${escapeDiscord(view.summary)}${count}` : `${heading} · continued${count}`;
    return discordMessage(truncate(content, DISCORD_LIMITS.content, { atoms: DISCORD_ATOMS }), part);
  });
}

/** One story as embed markdown: the linked title, then outlets, age and terms, then the excerpt. */
function storyChunk(story: StoryView): string {
  const title = truncate(escapeDiscord(story.href ? bracketsForLabel(story.title) : story.title), ESCAPED_TITLE, { atoms: DISCORD_ATOMS });
  const linked = story.href ? `**[${title}](${story.href})**` : `**${title}**`;
  const meta = [escapeDiscord(story.outlets), escapeDiscord(story.age), ...(story.matched ? [`*${escapeDiscord(story.matched)}*`] : [])].join(" · ");
  const lines = [linked, truncate(meta, ESCAPED_META, { atoms: DISCORD_ATOMS })];
  if (story.excerpt) lines.push(truncate(escapeDiscord(story.excerpt), ESCAPED_EXCERPT, { atoms: DISCORD_ATOMS }));
  return lines.join("\n");
}

/**
 * Discord's link rule reads brackets inside a label before it reads escapes, so a title with one "[" would
 * end the label early and print the markup; full-width brackets read the same and cannot.
 */
function bracketsForLabel(title: string): string {
  return title.replace(/\[/g, "［").replace(/\]/g, "］");
}

function discordMessage(content: string, embeds: DiscordEmbed[]): DiscordPayload {
  return { kind: "discord", content, embeds, allowed_mentions: { parse: [], replied_user: false } };
}
