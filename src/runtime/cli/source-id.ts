// Config ids are lower-case letters, digits and dashes; long titles make unwieldy ids.
const MAX_ID_LENGTH = 40;

/**
 * A source id made from a feed's title ("Le Monde – International" → "le-monde-international"),
 * else from its host when the title has no Latin letters or digits ("新华网" at www.news.cn →
 * "news-cn"), made unique against `taken` with a number ("le-monde-2").
 */
export function sourceIdFor(title: string, url: string, taken: ReadonlySet<string>): string {
  const base = slug(title) || slug(hostOf(url).replace(/^www\./, "")) || "feed";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, MAX_ID_LENGTH - String(n).length - 1)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, MAX_ID_LENGTH)
    .replace(/-+$/, "");
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}
