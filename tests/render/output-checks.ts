import { expect } from "vitest";
import type { Digest } from "../../src/domain/digest.js";
import type { OutboundPayload } from "../../src/domain/outbound.js";
import { linkHref } from "../../src/render/link-href.js";

/**
 * Checks written apart from the renderers' own limit schemas, from the platforms' documented numbers,
 * so a wrong schema cannot pass its own output.
 */
type Slack = Extract<OutboundPayload, { kind: "slack" }>;
type Discord = Extract<OutboundPayload, { kind: "discord" }>;
interface TextObject {
  type: string;
  text: string;
  verbatim?: boolean;
}
interface Block {
  type: string;
  text?: TextObject;
  elements?: TextObject[];
}
interface Embed {
  title?: string;
  description?: string;
  footer?: { text: string };
  author?: { name: string };
  fields?: Array<{ name: string; value: string }>;
}

/** The hrefs a digest may link to: each story's own URL, as the renderers encode it. */
export function allowedHrefs(digest: Digest): Set<string> {
  return new Set(digest.sections.flatMap((s) => s.stories.map((story) => linkHref(story.url))).filter((href): href is string => href !== null));
}

export function slackTexts(message: Slack): TextObject[] {
  return (message.blocks as Block[]).flatMap((block) => [...(block.text ? [block.text] : []), ...(block.elements ?? [])]);
}

export function checkSlackLimits(message: Slack): void {
  const blocks = message.blocks as Block[];
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(message.text.length).toBeGreaterThan(0);
  for (const block of blocks) {
    if (block.type === "header") expect(block.text?.text.length).toBeLessThanOrEqual(150);
    if (block.type === "section") expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    if (block.type === "context") expect(block.elements?.length).toBeLessThanOrEqual(10);
  }
  for (const text of slackTexts(message)) {
    expect(text.text.length).toBeGreaterThan(0);
    expect(text.text.length).toBeLessThanOrEqual(3000);
  }
  expect(message.unfurl_links).toBe(false);
  expect(message.unfurl_media).toBe(false);
}

/** Slack acts only on `<…>` tokens (our mrkdwn is verbatim): each must be a link to an allowed href. */
export function checkSlackSafety(message: Slack, allowed: Set<string>): void {
  for (const text of [...slackTexts(message), { type: "fallback", text: message.text, verbatim: true }]) {
    if (text.type === "mrkdwn") expect(text.verbatim).toBe(true);
    for (const token of text.text.match(/<[^>]*>?/g) ?? []) {
      const href = /^<([^|>]+)\|[^<>]*>$/.exec(token)?.[1];
      expect(href !== undefined && allowed.has(href), `unexpected Slack token ${token}`).toBe(true);
    }
    expect(text.text).not.toMatch(/<[!@#]/);
    expect(text.text).not.toMatch(/@(channel|here|everyone)/i);
  }
}

export function embedChars(embed: Embed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

export function checkDiscordLimits(message: Discord): void {
  const embeds = message.embeds as Embed[];
  expect(message.content.length).toBeLessThanOrEqual(2000);
  expect(embeds.length).toBeLessThanOrEqual(10);
  expect(message.content.length + embeds.length).toBeGreaterThan(0);
  expect(embeds.reduce((sum, embed) => sum + embedChars(embed), 0)).toBeLessThanOrEqual(6000);
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeLessThanOrEqual(1024);
    }
  }
}

/** Markdown as Discord parses it, with every `\x` escape replaced by an inert placeholder. */
function unescaped(markdown: string): string {
  return markdown.replace(/\\[\s\S]/g, "§");
}

/**
 * No mention syntax and no link Discord would make clickable, except `[label](href)` to an allowed href;
 * mass mentions broken even in text Discord does not parse; and `allowed_mentions` parses nothing.
 */
export function checkDiscordSafety(message: Discord, allowed: Set<string>): void {
  expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
  const embeds = message.embeds as Embed[];
  const markdown = [message.content, ...embeds.flatMap((e) => [e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])];
  for (const text of markdown) {
    let bare = unescaped(text);
    bare = bare.replace(/\]\(([^()\s]*)\)/g, (_link, href: string) => {
      expect(allowed.has(href), `unexpected Discord link ${href}`).toBe(true);
      return "]§";
    });
    expect(bare).not.toMatch(/:\/\/|<|\]\(/);
  }
  for (const text of [...markdown, ...embeds.flatMap((e) => [e.footer?.text ?? "", e.author?.name ?? ""])]) {
    expect(text).not.toMatch(/@(everyone|here)/i);
    expect(text).not.toMatch(/<@|<#|<t:/);
  }
}

/** Console text: a `scheme://` appears only as an allowed href on a line of its own. */
export function checkTextSafety(text: string, allowed: Set<string>): void {
  for (const line of text.split("\n")) {
    if (line.includes("://")) expect(allowed.has(line.trim()), `unexpected link line ${line}`).toBe(true);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(line).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/);
  }
}

/** Every piece of text of a payload, in order. */
export function textsOf(message: OutboundPayload): string[] {
  if (message.kind === "text") return [message.text];
  if (message.kind === "slack") return slackTexts(message).map((t) => t.text);
  return [message.content, ...(message.embeds as Embed[]).flatMap((e) => [e.title ?? "", e.description ?? "", e.footer?.text ?? ""])];
}
