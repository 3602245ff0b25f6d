import type { QueryNode } from "./query-ast.js";
import { QueryError } from "./query-error.js";

/** Looks up `@name` in the config's aliases and returns its parsed body, parsing each once. */
export interface AliasResolver {
  resolve(name: string, column: number, query: string): QueryNode;
}

/** Parses an alias body; `resolver` lets bodies use other aliases. */
export type AliasBodyParser = (body: string, resolver: AliasResolver, alias: string) => QueryNode;

/**
 * Alias names ignore case and may be given with or without the `@`. A body that refers back to
 * itself, directly or through other aliases, is an error rather than an endless expansion.
 */
export function createAliasResolver(aliases: Record<string, string> = {}, parseBody: AliasBodyParser): AliasResolver {
  const bodies = new Map<string, string>();
  for (const [key, body] of Object.entries(aliases)) bodies.set(key.replace(/^@/, "").toLowerCase(), body);
  const parsed = new Map<string, QueryNode>();
  const inProgress: string[] = [];

  const resolver: AliasResolver = {
    resolve(name, column, query) {
      const key = name.toLowerCase();
      const done = parsed.get(key);
      if (done) return done;
      const body = bodies.get(key);
      if (body === undefined) {
        const known = [...bodies.keys()].map((k) => `@${k}`);
        const expected = known.length ? `one of the known aliases: ${known.slice(0, 12).join(", ")}` : "a defined alias (none are defined: the config's aliases: or /brief aliases add make them)";
        throw new QueryError(`unknown alias "@${name}"`, query, column, expected);
      }
      if (inProgress.includes(key)) {
        const loop = [...inProgress.slice(inProgress.indexOf(key)), key].map((k) => `@${k}`).join(" → ");
        throw new QueryError(`alias "@${name}" refers to itself (${loop})`, query, column, "an alias that does not use itself");
      }
      inProgress.push(key);
      try {
        const node = parseBody(body, resolver, key);
        parsed.set(key, node);
        return node;
      } finally {
        inProgress.pop();
      }
    },
  };
  return resolver;
}
