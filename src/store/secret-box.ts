import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { BriefingError } from "../domain/errors.js";

/**
 * Seals short secrets (feed credentials today, platform tokens of installed workspaces later) for
 * storage: AES-256-GCM with a fresh 96-bit nonce per value, so equal secrets never look equal and
 * a tampered value fails to open instead of decrypting to garbage.
 */
export interface SecretBox {
  seal(plain: string): string;
  /** Throws a store error when the value was sealed with another key or altered. */
  open(sealed: string): string;
}

const VERSION = "v1";

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new BriefingError("config", "the secret key must be 32 bytes");
  return {
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${VERSION}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64url")}`;
    },
    open(sealed) {
      const [version, payload] = sealed.split(":");
      const raw = Buffer.from(payload ?? "", "base64url");
      if (version !== VERSION || raw.length < 28) throw new BriefingError("store", "a stored secret is not in a format this version reads");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      } catch (error) {
        throw new BriefingError("store", "a stored secret cannot be opened: BRIEFING_SECRET_KEY is not the key it was sealed with", { cause: error });
      }
    },
  };
}

/**
 * The key from its environment text: 64 hex digits or base64 of 32 bytes (`openssl rand -base64 32`).
 * Undefined stays null (no sealing); anything else is a config error naming the variable.
 */
export function parseSecretKey(text: string | undefined, name = "BRIEFING_SECRET_KEY"): Buffer | null {
  if (text === undefined) return null;
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, "base64") : null;
  if (key?.length !== 32) throw new BriefingError("config", `${name} must be 32 random bytes as 64 hex digits or base64 (openssl rand -base64 32)`);
  return key;
}
