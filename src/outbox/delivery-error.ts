import { BriefingError } from "../domain/errors.js";

/** `retry`: try again later (network, 5xx, 429). `permanent`: the destination will not take it (gone, forbidden). */
export type DeliveryFailure = "retry" | "permanent";

/**
 * What a permanent failure covers. `target`: this destination only (channel gone, bot removed).
 * `platform`: every destination of the platform (the bot token was revoked), so the relay stops the
 * whole platform until the process is restarted with new credentials, and keeps its messages queued.
 */
export type DeliveryScope = "target" | "platform";

/** A send that did not go through, classified by the platform adapter that saw it. */
export class DeliveryError extends BriefingError {
  override readonly name = "DeliveryError";
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number; scope?: DeliveryScope },
  ) {
    super("delivery", message, options);
    this.retryAfterMs = options?.retryAfterMs ?? null;
    this.scope = options?.scope ?? "target";
  }
  readonly retryAfterMs: number | null;
  readonly scope: DeliveryScope;
}
