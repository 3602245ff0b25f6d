import { webApi } from "@slack/bolt";
import { DeliveryError } from "../../../outbox/delivery-error.js";

/** Platform errors Slack itself describes as temporary. */
const TRANSIENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
  "team_added_to_org",
]);

/** Errors that mean the token itself is dead: every later send would fail the same way. */
export const AUTH_SLACK_ERRORS: ReadonlySet<string> = new Set(["invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"]);

/**
 * The one place a failed Web API call becomes a delivery decision: 429 → retry after Retry-After,
 * network errors, timeouts and 5xx → retry (the outcome is in doubt; the next attempt reconciles),
 * a platform error → permanent unless Slack calls it temporary. Messages name the Slack error code only.
 */
export function classifySlackError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case webApi.ErrorCode.RateLimitedError: {
      const seconds = (error as webApi.WebAPIRateLimitedError).retryAfter;
      return new DeliveryError("retry", `slack rate limited (retry after ${seconds}s)`, { cause: error, retryAfterMs: seconds * 1000 });
    }
    case webApi.ErrorCode.PlatformError: {
      const slackError = (error as webApi.WebAPIPlatformError).data.error;
      const failure = TRANSIENT_SLACK_ERRORS.has(slackError) ? "retry" : "permanent";
      // A dead token fails every channel alike: the relay holds all of Slack instead of failing each message.
      const scope = AUTH_SLACK_ERRORS.has(slackError) ? "platform" : "target";
      return new DeliveryError(failure, `slack ${slackError}`, { cause: error, scope });
    }
    case webApi.ErrorCode.HTTPError: {
      const status = (error as webApi.WebAPIHTTPError).statusCode;
      const failure = status >= 500 || status === 408 || status === 429 ? "retry" : "permanent";
      return new DeliveryError(failure, `slack http ${status}`, { cause: error });
    }
    case webApi.ErrorCode.RequestError:
      return new DeliveryError("retry", `slack request failed: ${(error as webApi.WebAPIRequestError).original.message}`, { cause: error });
    default:
      return new DeliveryError("retry", `slack send failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The Slack error code behind a classified error, when there was one. */
export function slackErrorCode(error: DeliveryError): string | null {
  const cause = error.cause as { code?: unknown; data?: { error?: unknown } } | undefined;
  return cause?.code === webApi.ErrorCode.PlatformError && typeof cause.data?.error === "string" ? cause.data.error : null;
}
