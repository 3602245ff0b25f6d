import { encode } from "html-entities";
import { formatDayTime } from "../../render/format-date.js";
import type { StatusModel } from "./status-model.js";

const esc = (value: string | number | null | undefined): string => encode(value === null || value === undefined ? "—" : String(value));

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;padding:12px;color:#1d2330;background:#f5f6f8}
main{max-width:860px;margin:0 auto}
h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.05em;margin:1.4em 0 .4em}
.meta{color:#5b6475;font-size:.9em}
.banner{padding:10px 12px;border-radius:8px;margin:10px 0;font-weight:600}
.ok{background:#e3f5e8;color:#17692f}.bad{background:#fde8e8;color:#9b1c1c}.warn{background:#fff4db;color:#8a5a00}
ul.cards{list-style:none;padding:0;margin:0;display:grid;gap:8px}
ul.cards li{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:8px 10px;overflow-wrap:anywhere}
.row{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:baseline}
.tag{font-size:.8em;font-weight:700;padding:1px 8px;border-radius:10px;text-transform:uppercase;letter-spacing:.03em}
.small{font-size:.88em;color:#5b6475}
.counts{display:flex;flex-wrap:wrap;gap:8px}.counts div{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:8px 12px;min-width:90px}
.counts b{display:block;font-size:1.4em}
`;

const HEALTH_CLASS: Record<StatusModel["feeds"][number]["health"], string> = { ok: "ok", recovered: "ok", failing: "warn", paused: "bad", "never polled": "warn" };

/** The `/status` page: plain server-rendered HTML with inline styles, readable on a phone, no scripts. */
export function renderStatusPage(model: StatusModel, beat: string): string {
  const { readiness, outbox } = model;
  const failing = model.feeds.filter((feed) => feed.health !== "ok" && feed.health !== "recovered").length;
  const sections = [
    `<h1>${esc(beat)} · briefing-bot</h1><p class="meta">As of ${esc(model.generatedAt)} · refreshes every minute</p>`,
    readiness.ready
      ? `<div class="banner ok">Ready</div>`
      : `<div class="banner bad">Not ready<ul>${readiness.reasons.map((reason) => `<li>${esc(reason)}</li>`).join("")}</ul></div>`,
    `<div class="counts"><div><b>${model.feeds.length}</b>feeds</div><div><b>${failing}</b>not ok</div><div><b>${outbox.pending}</b>queued</div><div><b>${outbox.failed.length}</b>failed</div><div><b>${outbox.pausedTargets.length + outbox.pausedPlatforms.length}</b>paused</div></div>`,
    `<h2>Feeds</h2>${list(model.feeds, (feed) =>
      `<div class="row"><span class="tag ${HEALTH_CLASS[feed.health]}">${esc(feed.health)}</span><b>${esc(feed.name ?? feed.id)}</b>${feed.name ? `<span class="small">${esc(feed.id)}</span>` : ""}</div>` +
      `<div class="small">last success ${esc(feed.lastSuccessAt ?? "never")}${feed.failures > 0 ? ` · ${feed.failures} failure(s) in a row` : ""}${feed.pausedUntil && feed.health === "paused" ? ` · paused until ${esc(feed.pausedUntil)}` : ""}</div>` +
      (feed.lastError && feed.health !== "ok" ? `<div class="small">last error: ${esc(feed.lastError)}</div>` : ""),
    )}`,
    `<h2>Outbox</h2><p>${outbox.pending} message(s) waiting, ${outbox.failed.length} failed.</p>`,
    outbox.pausedPlatforms.length + outbox.pausedTargets.length > 0
      ? `<h2>Paused destinations</h2>${list([...outbox.pausedPlatforms.map((p) => ({ what: `${p.platform} (whole platform)`, reason: p.reason, since: null })), ...outbox.pausedTargets.map((p) => ({ what: p.target, reason: p.reason, since: p.since }))], (paused) =>
          `<div class="row"><span class="tag bad">paused</span><b>${esc(paused.what)}</b></div><div class="small">${esc(paused.reason)}${paused.since ? ` · since ${esc(paused.since)}` : ""}</div>`,
        )}`
      : "",
    outbox.failed.length > 0
      ? `<h2>Failed messages</h2>${list(outbox.failed, (message) =>
          `<div class="row"><b>#${esc(message.id)}</b><span>${esc(message.target)}</span><span class="small">${esc(message.attempts)} attempt(s)</span></div><div class="small">${esc(message.error)} · <code>briefing outbox retry ${esc(message.id)}</code></div>`,
        )}`
      : "",
    `<h2>Digests</h2>${list(model.digests, (digest) =>
      `<div class="row"><b>${esc(digest.id)}</b><span>${esc(digest.target)}</span></div><div class="small">next run ${digest.nextRunAt ? `<time datetime="${esc(digest.nextRunAt)}">${esc(formatDayTime(digest.nextRunAt, digest.timeZone))}</time>` : "none"} ${esc(digest.timeZone)} · <code>${esc(digest.schedule)}</code></div>`,
      "No digests configured.",
    )}`,
    `<h2>Watches</h2>${list(model.watches, (entry) => `<div class="row"><b>${esc(entry.platform)}</b><span>${esc(entry.count)} watch(es)</span></div>`, "No watches yet.")}`,
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="60"><title>Status · briefing-bot</title><style>${STYLE}</style></head><body><main>${sections.join("\n")}</main></body></html>`;
}

function list<T>(items: T[], render: (item: T) => string, empty = "Nothing here."): string {
  return items.length === 0 ? `<p class="small">${esc(empty)}</p>` : `<ul class="cards">${items.map((item) => `<li>${render(item)}</li>`).join("")}</ul>`;
}
