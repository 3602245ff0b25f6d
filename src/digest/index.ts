export { buildDigest, type DigestInput } from "./build-digest.js";
