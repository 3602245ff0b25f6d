import { BriefingError } from "../domain/errors.js";

/** `retry`: try again later (network, 5xx, 429). `permanent`: the destination will not take it (gone, forbidden). */
export type DeliveryFailure = "retry" | "permanent";

/** A send that did not go through, classified by the platform adapter that saw it. */
export class DeliveryError extends BriefingError {
  override readonly name = "DeliveryError";
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super("delivery", message, options);
    this.retryAfterMs = options?.retryAfterMs ?? null;
  }
  readonly retryAfterMs: number | null;
}
