import type { WatchSummary } from "../../commands/command-handler.js";

/** Discord shows at most 25 choices, each name and value at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

export interface Choice {
  name: string;
  value: string;
}

/** Autocomplete for `/brief unwatch id`: the user's own watches whose id or query contains what they typed. */
export function watchChoices(watches: readonly WatchSummary[], typed: string): Choice[] {
  const needle = typed.trim().toLowerCase();
  return watches
    .filter((watch) => watch.id.length <= MAX_CHOICE_LENGTH)
    .filter((watch) => needle === "" || watch.id.toLowerCase().includes(needle) || watch.query.toLowerCase().includes(needle))
    .slice(0, MAX_CHOICES)
    .map((watch) => ({ name: shorten(`${watch.id}: ${watch.query}`), value: watch.id }));
}

function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_CHOICE_LENGTH ? text : `${chars.slice(0, MAX_CHOICE_LENGTH - 1).join("")}…`;
}
