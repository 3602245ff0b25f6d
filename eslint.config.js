import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Imports run downhill. Each folder of src/ lists the folders it must never import; the wiring in
 * src/runtime is the only place that sees everything.
 */
const pureStages = ["ingest", "match", "cluster", "digest", "render", "outbox", "alerts", "search"];
const platforms = ["console", "slack", "discord"];
const all = [...pureStages, "domain", "config", "store", "commands", "platforms", "runtime"];
const except = (...allowed) => all.filter((folder) => !allowed.includes(folder));

const forbidden = {
  domain: all,
  ...Object.fromEntries(pureStages.map((stage) => [stage, except("domain", stage)])),
  config: ["store", "commands", "platforms", "runtime"],
  store: ["commands", "platforms", "runtime", "config"],
  commands: ["platforms", "runtime", "config"],
  platforms: ["runtime", "config"],
};

const rule = (folders, message) => ({
  "no-restricted-imports": ["error", { patterns: [{ regex: `^(\\.\\./)+(${folders.join("|")})/`, message }] }],
});

const boundaries = [
  ...Object.entries(forbidden).map(([folder, folders]) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: rule(folders.filter((f) => f !== folder), `src/${folder} must not import these folders; see eslint.config.js.`),
  })),
  ...platforms.map((platform) => ({
    files: [`src/platforms/${platform}/**/*.ts`],
    rules: rule([...forbidden.platforms, ...platforms.filter((p) => p !== platform)], "A platform adapter never imports another platform or the runtime."),
  })),
];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", { selector: "TSEnumDeclaration", message: "Use a string union or an `as const` object, not an enum." }],
    },
  },
  ...boundaries,
);
