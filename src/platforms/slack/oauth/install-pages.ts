import type { ServerResponse } from "node:http";

function escapeHtml(text: string): string {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;max-width:36rem;margin:3rem auto"><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

/** The Add to Slack page; `url` is Slack's authorize URL carrying this visit's state. */
export function installPage(url: string): string {
  return page("Add briefing-bot to Slack", `<p>Install briefing-bot in your workspace, then run <code>/brief help</code> in a channel.</p>` +
    `<p><a href="${escapeHtml(url)}"><img alt="Add to Slack" height="40" width="139" src="https://platform.slack-edge.com/img/add_to_slack.png"></a></p>`);
}

export function sendInstalledPage(response: ServerResponse, teamName: string | null): void {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end(page("briefing-bot is installed", `<p>briefing-bot was added to ${escapeHtml(teamName ?? "your workspace")}. ` +
    `Invite it to a channel (<code>/invite @briefing-bot</code>) and run <code>/brief help</code>.</p>`));
}

/** The reason is one of ours or Slack's error code, never a token or secret. */
export function sendInstallFailedPage(response: ServerResponse, reason: string, linkProblem: boolean): void {
  response.writeHead(linkProblem ? 400 : 502, { "content-type": "text/html; charset=utf-8" });
  const hint = linkProblem
    ? "Install links work once and for ten minutes, in the browser that opened them. Start again from the install page."
    : "Slack did not complete the install. Try again from the install page; if it keeps failing, tell the bot's operator.";
  response.end(page("briefing-bot was not installed", `<p>${escapeHtml(reason)}</p><p>${hint} <a href="/slack/install">Install again</a></p>`));
}
