import type { BriefingConfig } from "../../config/config-schema.js";
import type { Env } from "../../config/env.js";
import type { LoadedConfig } from "../../config/load-config.js";
import type { Clock } from "../../domain/clock.js";
import type { SetupCheck } from "../../domain/setup-check.js";
import { checkDiscordSetup } from "../../platforms/discord/index.js";
import { checkSlackSetup } from "../../platforms/slack/index.js";
import { createStore, type StorageChoice } from "../../store/index.js";
import { storageChoiceOf } from "../storage-choice.js";
import type { Logger } from "../logger.js";
import { checkFeeds } from "./check-feeds.js";

export interface DoctorDeps {
  loadConfig(): Promise<LoadedConfig>;
  env(): Env;
  rawEnv: NodeJS.ProcessEnv;
  clock: Clock;
  log: Logger;
}

/** Every check of `briefing doctor`, in order; a check that cannot run for want of an earlier one is left out. */
export async function runDoctor(deps: DoctorDeps): Promise<SetupCheck[]> {
  const checks: SetupCheck[] = [];
  let env: Env;
  try {
    env = deps.env();
  } catch (error) {
    return [{ name: "environment", ok: false, detail: (error as Error).message, fix: "fix the variables named above" }];
  }
  let loaded: LoadedConfig;
  try {
    loaded = await deps.loadConfig();
  } catch (error) {
    return [{ name: "config", ok: false, detail: oneLine((error as Error).message), fix: "fix the file; `briefing config check` lists every problem" }];
  }
  const { config } = loaded;
  checks.push({ name: "config", ok: true, detail: `${loaded.file}: ${count(config.sources.length, "source")}, ${count(config.topics.length, "topic")}, ${count(config.digests.length, "digest")}` });
  checks.push(await checkStore(storageChoiceOf(config, env)));
  checks.push(...(await checkSlack(config, env)));
  checks.push(...(await checkDiscord(config, env, deps)));
  checks.push(...(await checkFeeds(config, deps.clock)));
  return checks;
}

async function checkStore(storage: StorageChoice): Promise<SetupCheck> {
  const where = storage.kind === "sqlite" ? storage.path : "PostgreSQL";
  try {
    const opened = await createStore(storage);
    try {
      await opened.ping();
      const items = await opened.store.countItems();
      return { name: "store", ok: true, detail: `${opened.location} opens, is up to date and answers (${items} items)` };
    } finally {
      await opened.close();
    }
  } catch (error) {
    const fix =
      storage.kind === "sqlite"
        ? "make sure storage.path is on a writable disk and no other program holds the file"
        : "check that the server is running and reachable, and that DATABASE_URL (or storage.url) names its host, database and user";
    return { name: "store", ok: false, detail: `${where}: ${(error as Error).message}`, fix };
  }
}

async function checkSlack(config: BriefingConfig, env: Env): Promise<SetupCheck[]> {
  // `T0123/#news` goes to an OAuth-installed workspace, whose token only the running bot holds.
  const channels = [...new Set(config.digests.flatMap((digest) => (digest.to.platform === "slack" && !digest.to.channel.includes("/") ? [digest.to.channel] : [])))];
  const install = slackInstallCheck(env);
  if (!env.SLACK_BOT_TOKEN) {
    const token: SetupCheck[] = channels.length === 0 ? [] : [{ name: "slack token", ok: false, detail: `digests post to ${channels.join(", ")} but SLACK_BOT_TOKEN is not set`, fix: "set SLACK_BOT_TOKEN (see docs/slack.md)" }];
    return [...install, ...token];
  }
  const checks: SetupCheck[] = [...install];
  if (!env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    checks.push({ name: "slack mode", ok: false, detail: "neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is set", fix: "set one of them (see docs/slack.md)" });
  } else {
    checks.push({ name: "slack mode", ok: true, detail: env.SLACK_APP_TOKEN ? "Socket Mode" : `HTTP mode on port ${env.PORT}` });
  }
  checks.push(...(await checkSlackSetup({ botToken: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, channels })));
  return checks;
}

function slackInstallCheck(env: Env): SetupCheck[] {
  if (!env.SLACK_CLIENT_ID && !env.SLACK_CLIENT_SECRET) return [];
  const missing = [
    ...(env.SLACK_CLIENT_ID ? [] : ["SLACK_CLIENT_ID"]),
    ...(env.SLACK_CLIENT_SECRET ? [] : ["SLACK_CLIENT_SECRET"]),
    ...(env.BRIEFING_SECRET_KEY ? [] : ["BRIEFING_SECRET_KEY"]),
    ...(env.SLACK_SIGNING_SECRET ? [] : ["SLACK_SIGNING_SECRET"]),
  ];
  if (env.SLACK_APP_TOKEN) return [{ name: "slack install", ok: false, detail: "installing in many workspaces needs HTTP mode, but SLACK_APP_TOKEN is set", fix: "unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET (see docs/slack.md)" }];
  return missing.length > 0
    ? [{ name: "slack install", ok: false, detail: `installing in many workspaces needs ${missing.join(", ")}`, fix: "see docs/slack.md, Installing in many workspaces" }]
    : [{ name: "slack install", ok: true, detail: `Add to Slack at /slack/install on port ${env.PORT}` }];
}

async function checkDiscord(config: BriefingConfig, env: Env, deps: DoctorDeps): Promise<SetupCheck[]> {
  const channelIds = [...new Set(config.digests.flatMap((digest) => (digest.to.platform === "discord" ? [digest.to.channelId] : [])))];
  const webhookNames = [...new Set(config.digests.flatMap((digest) => (digest.to.platform === "discord-webhook" ? [digest.to.envName] : [])))];
  if (!env.DISCORD_TOKEN && channelIds.length === 0 && webhookNames.length === 0) return [];
  const checks: SetupCheck[] = [];
  if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
    checks.push({ name: "discord application", ok: false, detail: "DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not", fix: "set DISCORD_APPLICATION_ID (Developer Portal → General Information → Application ID)" });
  }
  checks.push(
    ...(await checkDiscordSetup({
      token: env.DISCORD_TOKEN ?? null,
      apiUrl: env.DISCORD_API_URL,
      channelIds,
      webhooks: webhookNames.map((envName) => ({ envName, url: deps.rawEnv[envName] })),
      log: deps.log.child({ platform: "discord" }),
    })),
  );
  return checks;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, "; ");
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
