import type { App, webApi } from "@slack/bolt";
import type { Invoker } from "../../../commands/brief-command.js";
import type { CommandHandler } from "../../../commands/command-handler.js";
import type { SlackLog } from "../slack-log.js";
import { buildHomeView, REMOVE_WATCH_ACTION } from "./build-home-view.js";
import type { SlackHomeSource } from "./home-model.js";

export interface HomeListenerDeps {
  handler: CommandHandler;
  home: SlackHomeSource;
  /** The SLACK_BOT_TOKEN workspace, if any. */
  defaultTeamId: string | null;
  log: SlackLog;
}

/** The Home tab carries no channel; watches are personal, so the member is all the handler needs. */
function homeInvoker(teamId: string, userId: string): Invoker {
  return { platform: "slack", workspaceId: teamId, channelId: "", channelName: null, userId, isPlatformAdmin: false };
}

async function publishHome(deps: HomeListenerDeps, client: webApi.WebClient, teamId: string, userId: string): Promise<void> {
  const invoker = homeInvoker(teamId, userId);
  const [watches, tenant] = await Promise.all([deps.handler.watchesOf(invoker), deps.home.tenantHome({ workspaceId: teamId, isDefault: teamId === deps.defaultTeamId })]);
  await client.views.publish({ user_id: userId, view: buildHomeView({ watches, ...tenant }) });
}

/**
 * Publishes a member's Home tab each time they open it, and handles its Remove buttons: the removal
 * goes through the shared `unwatch` command (so only the owner's own watch can go), then the tab is
 * published again to show the result.
 */
export function registerHomeListeners(app: App, deps: HomeListenerDeps): void {
  const { log } = deps;
  app.event("app_home_opened", async ({ event, context, client }) => {
    if (event.tab !== "home" || !context.teamId) return;
    try {
      await publishHome(deps, client, context.teamId, event.user);
    } catch (error) {
      log.warn({ team_id: context.teamId, user_id: event.user, err_message: error instanceof Error ? error.message : String(error) }, "could not publish the home tab");
    }
  });
  app.action(REMOVE_WATCH_ACTION, async ({ ack, body, action, context, client }) => {
    await ack();
    const watchId = "value" in action && typeof action.value === "string" ? action.value : "";
    const teamId = context.teamId ?? body.team?.id;
    if (!teamId || !watchId) return;
    try {
      const reply = await deps.handler.handle({ name: "unwatch", watchId }, homeInvoker(teamId, body.user.id));
      log.info({ team_id: teamId, user_id: body.user.id, watch_id: watchId, reply: reply.kind }, "watch removed from the home tab");
      await publishHome(deps, client, teamId, body.user.id);
    } catch (error) {
      log.warn({ team_id: teamId, user_id: body.user.id, err_message: error instanceof Error ? error.message : String(error) }, "home tab action failed");
    }
  });
}
