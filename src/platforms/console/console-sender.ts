import type { OutboundPayload } from "../../domain/outbound.js";
import type { Sender } from "../../outbox/sender.js";

/** Prints messages to a stream: the platform used when no Slack or Discord credentials are set. */
export function createConsoleSender(out: { write(text: string): unknown }): Sender {
  return {
    async send(message) {
      out.write(`${textOf(message.payload)}\n\n`);
      return { platformMessageId: null };
    },
  };
}

function textOf(payload: OutboundPayload): string {
  switch (payload.kind) {
    case "text":
    case "slack":
      return payload.text;
    case "discord":
      return payload.content;
  }
}
