// Words that end like plurals but are not, or whose stripped form is another word ("news" is not
// the plural of "new"). Short words (three letters or fewer) are never stripped at all.
const KEEP = new Set([
  "news", "series", "species", "means", "always", "perhaps", "whereas", "towards", "afterwards",
  "sometimes", "physics", "politics", "economics", "mathematics", "statistics", "ethics",
  "logistics", "analytics", "diabetes", "lens", "chaos", "bias", "alias", "atlas", "canvas",
  "texas", "kansas", "arkansas", "christmas", "yes", "plus", "thus", "onus", "opus",
]);

/**
 * The plural-insensitive key of a lower-cased word: `controls` → `control`, `policies` → `policy`,
 * `approaches` → `approach`, `businesses` → `business`. Only simple English plurals; anything else
 * is returned as it is. The same function runs on query words and (through `pluralForms`) on
 * text, so the two sides always agree even where the key is not a real word (`cache` → `cach`).
 */
export function stem(word: string): string {
  const n = word.length;
  if (n <= 3 || KEEP.has(word)) return word;
  if (word.endsWith("ies") && n > 4) return word.slice(0, -3) + "y";
  // movie/movies must meet on one key, as policy/policies do.
  if (word.endsWith("ie") && n > 4) return word.slice(0, -2) + "y";
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (/(?:ch|sh|x|zz)es$/.test(word)) return word.slice(0, -2);
  // cache/caches, axe/axes: "ches" is ambiguous between "ch+es" and "che+s", so both lose the e.
  if (/(?:ch|sh|x)e$/.test(word)) return word.slice(0, -1);
  // status, virus, campus keep their s; four-letter GPUs, CPUs and TPUs lose it.
  if (word.endsWith("us") && n > 4) return word;
  if (word.endsWith("s") && !/(?:ss|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Every lower-cased word whose `stem` is `key`: the forms a query word matches in text. */
export function pluralForms(key: string): string[] {
  const candidates = [key, key + "s", key + "es", key + "e"];
  if (key.endsWith("y")) {
    const base = key.slice(0, -1);
    candidates.push(base + "ies", base + "ie", base + "ies");
  }
  return [...new Set(candidates)].filter((form) => stem(form) === key);
}
