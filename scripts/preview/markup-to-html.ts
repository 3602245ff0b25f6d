/** Just enough of Slack mrkdwn and Discord markdown to preview our own renderers' output as HTML. */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Slack mrkdwn: our text already carries `&amp;`, `&lt;`, `&gt;`, which HTML reads the same way. */
export function slackToHtml(mrkdwn: string): string {
  const parts = mrkdwn.split(/(<[^<>|]+\|[^<>]*>)/g);
  return parts
    .map((part) => {
      const link = /^<([^<>|]+)\|([^<>]*)>$/.exec(part);
      if (link) return `<a href="${escapeHtml(link[1] ?? "")}">${slackInline(link[2] ?? "")}</a>`;
      return slackInline(part);
    })
    .join("")
    .replace(/\*(<a [^>]*>.*?<\/a>)\*/g, "<b>$1</b>")
    .replace(/\n/g, "<br>");
}

function slackInline(text: string): string {
  return text
    .replace(/"/g, "&quot;")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,])/g, "$1<b>$2</b>")
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,])/g, "$1<i>$2</i>");
}

/** Discord markdown: `\x` escapes, `**bold**`, `*italic*` and `[label](url)` links, as our renderer writes them. */
export function discordToHtml(markdown: string): string {
  const link = /\[((?:\\[\s\S]|[^\]\\])*)\]\((https?:\/\/[^()\s]+)\)/y;
  let out = "";
  let bold = false;
  let italic = false;
  for (let i = 0; i < markdown.length; i += 1) {
    const char = markdown[i] ?? "";
    link.lastIndex = i;
    const match = char === "[" ? link.exec(markdown) : null;
    if (char === "\\" && i + 1 < markdown.length) {
      out += escapeHtml(markdown[i + 1] ?? "");
      i += 1;
    } else if (match) {
      out += `<a href="${escapeHtml(match[2] ?? "")}">${discordToHtml(match[1] ?? "")}</a>`;
      i += match[0].length - 1;
    } else if (markdown.startsWith("**", i)) {
      out += bold ? "</b>" : "<b>";
      bold = !bold;
      i += 1;
    } else if (char === "*") {
      out += italic ? "</i>" : "<i>";
      italic = !italic;
    } else {
      out += char === "\n" ? "<br>" : escapeHtml(char);
    }
  }
  return out + (italic ? "</i>" : "") + (bold ? "</b>" : "");
}
