import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText } from "../../src/render/clean-text.js";

describe("cleanText", () => {
  it.each([
    ["strips a right-to-left override", "\u202Egnp.exe\u202C", "gnp.exe"],
    ["strips isolates and marks", "\u2066a\u2069 \u200Fb\u200E", "a b"],
    ["strips zero-width characters that hide a word", "e\u200Bvery\u2060one\uFEFF", "everyone"],
    ["keeps a zero-width joiner inside an emoji", "👩‍💻 coder", "👩‍💻 coder"],
    ["drops a stray zero-width joiner", "@\u200Dhere", "@here"],
    ["reads full-width letters plainly", "Ｈ２００ ＣＡＣ", "H200 CAC"],
    ["keeps Chinese punctuation as written", "出口管制（H200）：“坚决反对”，……", "出口管制（H200）：“坚决反对”，……"],
    ["turns control characters into spaces", "a\u0000b\u001B[31mc\u007Fd", "a b [31mc d"],
    ["puts everything on one line", "line one\n\nline\ttwo\u2028three", "line one line two three"],
    ["replaces lone surrogates", "a\uD800b", "a\uFFFDb"],
    ["tames Zalgo", "Z\u0300\u0301\u0302\u0303\u0304\u0305\u0306o", "Z\u0300\u0301\u0302\u0303o"],
  ])("%s", (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        const once = cleanText(text);
        expect(cleanText(once)).toBe(once);
      }),
    );
  });
});
