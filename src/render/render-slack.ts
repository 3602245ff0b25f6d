import type { Digest } from "../domain/digest.js";
import type { OutboundPayload } from "../domain/outbound.js";
import { digestView, storyCountOf } from "./digest-view.js";
import { escapeSlack, SLACK_ATOMS } from "./escape-slack.js";
import type { SlackBlock } from "./limit-schemas.js";
import { SLACK_LIMITS } from "./limits.js";
import { splitMessages } from "./split-messages.js";
import { storyView, topicTitle, type StoryView } from "./story-view.js";
import { truncate } from "./truncate.js";

type SlackPayload = Extract<OutboundPayload, { kind: "slack" }>;

/** Escaped pieces get twice their plain budget: `&amp;` and friends make escaped text longer. */
const ESCAPED_TITLE = 500;
const ESCAPED_EXCERPT = 500;

/** Block Kit messages for a digest, in order; several when it has more blocks than one message allows. */
export function renderSlack(digest: Digest): OutboundPayload[] {
  const view = digestView(digest);
  const title = `${view.beat} · ${view.day}`;
  if (storyCountOf(digest) === 0) return [slackMessage(escapeSlack(view.emptyNote), [section(escapeSlack(view.emptyNote))])];

  // Groups of blocks that must stay in one message: a topic heading travels with its first story.
  const groups: SlackBlock[][] = [[header(title), context(escapeSlack(view.summary))]];
  for (const topic of digest.sections) {
    topic.stories.forEach((story, index) => {
      const blocks = storyBlocks(storyView(story, digest));
      groups.push(index === 0 ? [{ type: "divider" }, section(`*${escapeSlack(topicTitle(topic.topicName))}*`), ...blocks] : blocks);
    });
  }
  if (view.footer.length > 0) {
    const lines = view.footer.map(({ label, command }) => `${label}: \`${escapeSlack(command)}\``);
    groups.push([{ type: "divider" }, context(lines.join(" · "))]);
  }

  // One block is kept free for the "continued" line of later messages.
  const room = SLACK_LIMITS.blocksPerMessage - 1;
  const parts = splitMessages(groups, (message, next) => message.flat().length + next.length <= room);
  return parts.map((part, index) => {
    const count = parts.length > 1 ? ` (${index + 1}/${parts.length})` : "";
    const blocks = part.flat();
    if (index > 0) blocks.unshift(context(`${escapeSlack(title)} · continued${count}`));
    return slackMessage(`${escapeSlack(title)}: ${escapeSlack(view.summary)}${count}`, blocks);
  });
}

function storyBlocks(story: StoryView): SlackBlock[] {
  const title = truncate(escapeSlack(story.title), ESCAPED_TITLE, { atoms: SLACK_ATOMS });
  const linked = story.href ? `*<${story.href}|${title}>*` : `*${title}*`;
  const excerpt = story.excerpt ? `\n${truncate(escapeSlack(story.excerpt), ESCAPED_EXCERPT, { atoms: SLACK_ATOMS })}` : "";
  const meta = [escapeSlack(story.outlets), escapeSlack(story.age), ...(story.matched ? [`_${escapeSlack(story.matched)}_`] : [])];
  return [section(`${linked}${excerpt}`), context(meta.join(" · "))];
}

function slackMessage(text: string, blocks: SlackBlock[]): SlackPayload {
  return {
    kind: "slack",
    text: truncate(text, SLACK_LIMITS.fallbackText, { atoms: SLACK_ATOMS }),
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}

function header(text: string): SlackBlock {
  return { type: "header", text: { type: "plain_text", text: truncate(escapeSlack(text), SLACK_LIMITS.headerText, { atoms: SLACK_ATOMS }), emoji: true } };
}

function section(text: string): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, SLACK_LIMITS.sectionText, { atoms: SLACK_ATOMS }), verbatim: true } };
}

function context(text: string): SlackBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncate(text, SLACK_LIMITS.contextText, { atoms: SLACK_ATOMS }), verbatim: true }] };
}
