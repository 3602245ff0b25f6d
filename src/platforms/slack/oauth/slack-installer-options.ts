import { createHash } from "node:crypto";
import type { HTTPReceiverOptions } from "@slack/bolt";
import type { InstallationStore } from "../../../store/installation-store.js";
import type { SlackLog } from "../slack-log.js";
import { SLACK_SCOPES } from "../check-slack-setup.js";
import { installPage, sendInstalledPage, sendInstallFailedPage } from "./install-pages.js";
import { createOAuthStateStore } from "./oauth-state-store.js";

/** Multi-workspace install (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET). */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** Signs install states; derived from the client secret when unset. */
  stateSecret?: string;
  /** Where installations (sealed) and one-time states are kept. */
  installations: InstallationStore;
  /** Slack's authorize page; tests point it elsewhere. Default https://slack.com/oauth/v2/authorize. */
  authorizationUrl?: string;
}

/** What the installer is told for the flow's own failures; anything else is Slack refusing the exchange. */
const LINK_PROBLEMS: Record<string, string> = {
  slack_oauth_invalid_state: "This install link is not valid: it was already used, has expired, or was not issued by this bot.",
  slack_oauth_missing_state: "This install link is not valid: it carries no state.",
  slack_oauth_missing_code: "This install link is not valid: Slack's code is missing.",
  slack_oauth_installer_authorization_error: "The install was cancelled in Slack.",
};

/** Bolt's installer, with our state store and our pages; `oauth.v2.access` goes to SLACK_API_URL. */
export function slackInstallerOptions(oauth: SlackOAuthOptions, slackApiUrl: string, log: SlackLog): NonNullable<HTTPReceiverOptions["installerOptions"]> {
  const installOptions = { scopes: [...SLACK_SCOPES] };
  const stateSecret = oauth.stateSecret ?? createHash("sha256").update(`briefing-state:${oauth.clientSecret}`).digest("base64url");
  return {
    stateStore: createOAuthStateStore({ states: oauth.installations, secret: stateSecret, installOptions }),
    renderHtmlForInstallPath: installPage,
    clientOptions: { slackApiUrl, retryConfig: { retries: 1 }, timeout: 10_000 },
    ...(oauth.authorizationUrl ? { authorizationUrl: oauth.authorizationUrl } : {}),
    callbackOptions: {
      success: (installation, _options, _request, response) => {
        const teamName = installation.team?.name ?? installation.enterprise?.name ?? null;
        log.info({ team_id: installation.team?.id ?? installation.enterprise?.id, team_name: teamName, installer_id: installation.user.id }, "slack workspace installed");
        sendInstalledPage(response, teamName);
      },
      failure: (error, _options, _request, response) => {
        const linkProblem = LINK_PROBLEMS[error.code];
        log.warn({ reason: error.code, slack_error: slackCode(error) }, "slack install refused");
        sendInstallFailedPage(response, linkProblem ?? `Slack refused the install (${slackCode(error)}).`, linkProblem !== undefined);
      },
    },
  };
}

/** Slack's error code (`invalid_code`, `bad_client_secret`…) without the rest of the message. */
function slackCode(error: Error & { code: string; data?: { error?: unknown } }): string {
  return typeof error.data?.error === "string" ? error.data.error : error.code;
}
