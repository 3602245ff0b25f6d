import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { FeedItem } from "../../domain/item.js";
import { UsageError } from "../../domain/errors.js";

/** One line of the item files `briefing match` and `briefing cluster` read. */
export const itemLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string(),
  summary: z.string().default(""),
  content: z.string().default(""),
  url: z.string().nullable().default(null),
  source: z.string().default("input"),
  publishedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date").optional(),
});

/** Reads JSON lines into items; a bad line is an error naming the file, the line and the field. */
export async function readItemsJsonl(file: string, now: Date): Promise<FeedItem[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UsageError(`${file}: cannot be read`);
  }
  const items: FeedItem[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`${file}:${index + 1}: not valid JSON`);
      return;
    }
    const parsed = itemLineSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${file}:${index + 1}: ${issue.path.join(".") || "(line)"}: ${issue.message}`);
      return;
    }
    const line_ = parsed.data;
    items.push({
      id: line_.id,
      sourceId: line_.source,
      guid: line_.id,
      link: line_.url,
      url: line_.url,
      title: line_.title,
      summary: line_.summary,
      content: line_.content,
      author: null,
      language: null,
      publishedAt: new Date(line_.publishedAt ?? now).toISOString(),
      dateMissing: line_.publishedAt === undefined,
    });
  });
  if (problems.length > 0) throw new UsageError(problems.join("\n"));
  return items;
}
