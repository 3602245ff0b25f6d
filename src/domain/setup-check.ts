/** One line of `briefing doctor`: what was checked, whether it passed, and what to do when it did not. */
export interface SetupCheck {
  name: string;
  ok: boolean;
  /** What was found, fit to print: never a token or a secret URL. */
  detail: string;
  /** What the operator should do; set when `ok` is false. */
  fix?: string;
}
