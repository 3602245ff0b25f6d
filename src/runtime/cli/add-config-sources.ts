import { rename, readFile, writeFile } from "node:fs/promises";
import { isMap, isSeq, parseDocument, type YAMLSeq } from "yaml";
import { parseConfigText } from "../../config/load-config.js";

/** A source to append to the config file. */
export interface NewSource {
  id: string;
  url: string;
  name: string;
  /** The folder it came from, written as a comment above the first source of each folder. */
  category: string | null;
}

/**
 * Appends sources to the `sources:` list of the YAML config file, keeping every comment and
 * the layout of what is there (the `yaml` Document API edits the tree, not the text). The
 * new text is validated as a config before it replaces the file, in one rename.
 */
export async function addConfigSources(file: string, sources: NewSource[]): Promise<void> {
  if (sources.length === 0) return;
  const text = await readFile(file, "utf8");
  const document = parseDocument(text);
  const list = document.get("sources", true);
  if (!isSeq(list)) throw new Error(`${file}: "sources" is not a list`);
  const seq = list as YAMLSeq;
  // New entries follow the style of the existing ones: `{ id: x, url: y }` on one line, or a block.
  const flow = seq.items.length > 0 && isMap(seq.items[0]) && seq.items[0].flow === true;
  let lastCategory: string | null = null;
  for (const source of sources) {
    const node = document.createNode({ id: source.id, url: source.url, name: source.name });
    node.flow = flow;
    if (source.category && source.category !== lastCategory) node.commentBefore = ` ${oneLine(source.category)} (imported from OPML)`;
    lastCategory = source.category;
    seq.add(node);
  }
  // No folding: each new source stays on one line, as the ones written by hand do.
  const updated = document.toString({ lineWidth: 0 });
  parseConfigText(updated, file);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, updated);
  await rename(temporary, file);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
