/** Discord's documented message limits, as the real API enforces them (it answers 400, code 50035). */
export const DISCORD_API_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  choices: 25,
  choiceText: 100,
} as const;

type Json = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const length = (value: unknown): number => Array.from(text(value)).length;

function embedProblems(embed: Json, index: number): { problems: string[]; total: number } {
  const problems: string[] = [];
  const at = `embeds[${index}]`;
  const check = (value: unknown, max: number, path: string) => {
    if (length(value) > max) problems.push(`${at}.${path}: ${length(value)} > ${max}`);
    return length(value);
  };
  let total = check(embed.title, DISCORD_API_LIMITS.title, "title") + check(embed.description, DISCORD_API_LIMITS.description, "description");
  total += check((embed.footer as Json | undefined)?.text, DISCORD_API_LIMITS.footer, "footer.text");
  total += check((embed.author as Json | undefined)?.name, DISCORD_API_LIMITS.author, "author.name");
  const fields = Array.isArray(embed.fields) ? (embed.fields as Json[]) : [];
  if (fields.length > DISCORD_API_LIMITS.fields) problems.push(`${at}.fields: ${fields.length} > ${DISCORD_API_LIMITS.fields}`);
  fields.forEach((field, i) => {
    total += check(field.name, DISCORD_API_LIMITS.fieldName, `fields[${i}].name`) + check(field.value, DISCORD_API_LIMITS.fieldValue, `fields[${i}].value`);
  });
  return { problems, total };
}

/** Every way a message body breaks Discord's limits; empty when Discord would take it. */
export function messageProblems(body: Json): string[] {
  const problems: string[] = [];
  if (length(body.content) > DISCORD_API_LIMITS.content) problems.push(`content: ${length(body.content)} > ${DISCORD_API_LIMITS.content}`);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  if (embeds.length > DISCORD_API_LIMITS.embeds) problems.push(`embeds: ${embeds.length} > ${DISCORD_API_LIMITS.embeds}`);
  let total = 0;
  embeds.forEach((embed, index) => {
    const checked = embedProblems(embed, index);
    problems.push(...checked.problems);
    total += checked.total;
  });
  if (total > DISCORD_API_LIMITS.embedTotal) problems.push(`embeds: ${total} characters > ${DISCORD_API_LIMITS.embedTotal}`);
  return problems;
}

/** Limits of an autocomplete answer (interaction callback type 8). */
export function choiceProblems(choices: unknown): string[] {
  const list = Array.isArray(choices) ? (choices as Json[]) : [];
  const problems = list.length > DISCORD_API_LIMITS.choices ? [`choices: ${list.length} > ${DISCORD_API_LIMITS.choices}`] : [];
  list.forEach((choice, i) => {
    if (length(choice.name) < 1 || length(choice.name) > DISCORD_API_LIMITS.choiceText) problems.push(`choices[${i}].name: length ${length(choice.name)}`);
    if (length(choice.value) > DISCORD_API_LIMITS.choiceText) problems.push(`choices[${i}].value: length ${length(choice.value)}`);
  });
  return problems;
}
