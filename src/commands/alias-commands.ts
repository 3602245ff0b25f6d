import type { Reply } from "../domain/reply.js";
import { DEFAULT_TENANT, type ChangeBy, type TenantStore } from "../store/tenant-store.js";
import type { BriefCommand, Invoker } from "./brief-command.js";
import type { QueryValidator, TenantDirectory } from "./ports.js";

const MAX_ALIASES = 50;
const ephemeral = (text: string): Reply => ({ visibility: "ephemeral", kind: "text", text });

/** What the alias commands borrow from the other tenant commands. */
export interface AliasCommandDeps {
  directory: TenantDirectory;
  store: TenantStore;
  validateQuery: QueryValidator;
  requireAdmin(invoker: Invoker, action: string): void;
  changeBy(invoker: Invoker): ChangeBy;
  /** Makes the workspace its own tenant on its first change; the note to append when it did. */
  ensureTenant(tenantId: string, by: ChangeBy): Promise<string>;
}

type AliasCommand<K extends "aliases" | "aliases-add" | "aliases-remove"> = Extract<BriefCommand, { name: K }>;

/** `/brief aliases add|remove`: a tenant's own `@name` shorthands, for its topics, watches and searches only. */
export function createAliasCommands(deps: AliasCommandDeps) {
  const { directory, store } = deps;
  /** The tenant an admin changes, or the refusal when the alias is the config file's. */
  const changing = (invoker: Invoker, action: string, name: string): { tenantId: string; refused: Reply | null } => {
    deps.requireAdmin(invoker, action);
    const tenantId = directory.tenantForChange(invoker);
    const configured = tenantId === DEFAULT_TENANT && directory.configuredAliases.has(name);
    return { tenantId, refused: configured ? ephemeral(`@${name} is set in the bot's config file; its operator changes it there. Nothing was changed.`) : null };
  };
  return {
    async aliases(_command: AliasCommand<"aliases">, invoker: Invoker): Promise<Reply> {
      const tenantId = await directory.tenantOf(invoker);
      const aliases = Object.entries(await directory.aliasesOf(tenantId)).sort(([a], [b]) => a.localeCompare(b));
      if (aliases.length === 0) return ephemeral("No aliases yet. An admin adds one with /brief aliases add <name> <query>; then @name works in topics, watches and searches.");
      return ephemeral(["Aliases this workspace's queries can use:", ...aliases.map(([name, query]) => `@${name}: ${query}`)].join("\n"));
    },
    async "aliases-add"(command: AliasCommand<"aliases-add">, invoker: Invoker): Promise<Reply> {
      const { tenantId, refused } = changing(invoker, "add aliases", command.alias);
      if (refused) return refused;
      const own = await directory.chatAliasesOf(tenantId);
      const replacing = own.some((alias) => alias.name === command.alias);
      if (!replacing && own.length >= MAX_ALIASES) return ephemeral(`No alias added: this workspace has ${MAX_ALIASES} aliases, the most it may have.`);
      const aliases = { ...(await directory.aliasesOf(tenantId)), [command.alias]: command.query };
      // The body must parse, and `@name` must resolve: an alias that leads back to itself does not.
      deps.validateQuery(command.query, aliases);
      deps.validateQuery(`@${command.alias}`, aliases);
      const by = deps.changeBy(invoker);
      const note = await deps.ensureTenant(tenantId, by);
      await store.setAlias({ tenantId, name: command.alias, query: command.query }, by);
      const verb = replacing ? "now stands for" : "added: it stands for";
      return ephemeral(`Alias @${command.alias} ${verb} ${command.query} in this workspace's topics, watches and searches.${note}`);
    },
    async "aliases-remove"(command: AliasCommand<"aliases-remove">, invoker: Invoker): Promise<Reply> {
      const { tenantId, refused } = changing(invoker, "remove aliases", command.alias);
      if (refused) return refused;
      const own = await directory.chatAliasesOf(tenantId);
      if (!own.some((alias) => alias.name === command.alias)) return ephemeral(`This workspace has no alias @${command.alias}.`);
      const rest = Object.fromEntries(Object.entries(await directory.aliasesOf(tenantId)).filter(([name]) => name !== command.alias));
      const users = [
        ...(await store.tenantTopics(tenantId)).filter((topic) => !parses(deps.validateQuery, topic.query, rest)).map((topic) => `topic ${topic.id}`),
        ...own.filter((alias) => alias.name !== command.alias && !parses(deps.validateQuery, alias.query, rest)).map((alias) => `alias @${alias.name}`),
      ];
      if (users.length > 0) return ephemeral(`@${command.alias} is used by ${users.join(", ")}; change or remove those first. Nothing was changed.`);
      await store.removeAlias(tenantId, command.alias, deps.changeBy(invoker));
      return ephemeral(`Alias @${command.alias} removed.`);
    },
  };
}

function parses(validate: QueryValidator, query: string, aliases: Record<string, string>): boolean {
  try {
    validate(query, aliases);
    return true;
  } catch {
    return false;
  }
}
