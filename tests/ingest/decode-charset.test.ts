import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeFeedBytes } from "../../src/ingest/decode-charset.js";

const TITLE_ZH = "中文标题测试";
const LONG_ZH = "商务部表示坚决反对美方对人工智能芯片和模型权重的出口限制，并将采取必要措施维护中国企业的正当权益";
const xml = (title: string, encoding?: string) =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ""}?><rss version="2.0"><channel><title>${title}</title></channel></rss>`;
const titleOf = (text: string) => /<title>(.*)<\/title>/.exec(text)?.[1];

describe("decodeFeedBytes", () => {
  it.each([
    ["GBK named in the header", iconv.encode(xml(TITLE_ZH), "gbk"), "text/xml; charset=GBK", TITLE_ZH],
    ["GB2312 named only in the prolog", iconv.encode(xml(TITLE_ZH, "gb2312"), "gbk"), "text/xml", TITLE_ZH],
    ["GB18030 in the header", iconv.encode(xml(`${TITLE_ZH}𠀀`), "gb18030"), "application/rss+xml; charset=gb18030", `${TITLE_ZH}𠀀`],
    ["Big5 in the header", iconv.encode(xml("繁體中文標題"), "big5"), "text/xml; charset=big5", "繁體中文標題"],
    ["Big5 in the prolog", iconv.encode(xml("繁體中文標題", "big5"), "big5"), null, "繁體中文標題"],
    ["Shift_JIS in the prolog", iconv.encode(xml("日本語のタイトル", "Shift_JIS"), "shift_jis"), null, "日本語のタイトル"],
    ["windows-1252 smart quotes and euro", iconv.encode(xml("“Price” €5 – café"), "win1252"), "text/xml; charset=windows-1252", "“Price” €5 – café"],
    ["ISO-8859-1 label read as windows-1252", iconv.encode(xml("“quoted” naïve"), "win1252"), "text/xml; charset=ISO-8859-1", "“quoted” naïve"],
    ["KOI8-R", iconv.encode(xml("Новости", "koi8-r"), "koi8-r"), null, "Новости"],
    ["UTF-16LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xml(TITLE_ZH), "utf16le")]), null, TITLE_ZH],
    ["UTF-16BE with a BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(xml(TITLE_ZH), "utf16be")]), null, TITLE_ZH],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml(TITLE_ZH))]), null, TITLE_ZH],
    ["valid UTF-8 under an ISO-8859-1 prolog", Buffer.from(xml("café 中文", "ISO-8859-1")), null, "café 中文"],
    ["Latin-1 declared in the prolog under a server's default UTF-8 header", iconv.encode(xml("Café", "ISO-8859-1"), "latin1"), "text/xml; charset=UTF-8", "Café"],
    // A wrong label is overruled by the detector, which needs a sentence or two of text to be sure.
    ["GBK bytes under a UTF-8 header", iconv.encode(xml(LONG_ZH), "gbk"), "text/xml; charset=utf-8", LONG_ZH],
  ])("%s", (_name, bytes, contentType, expected) => {
    expect(titleOf(decodeFeedBytes(bytes, contentType).text)).toBe(expected);
  });

  it("replaces invalid bytes with U+FFFD instead of failing", () => {
    const bytes = Buffer.concat([Buffer.from("<rss><channel><title>ok "), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from("</title></channel></rss>")]);
    const { text } = decodeFeedBytes(bytes, "text/xml; charset=utf-8");
    expect(text).toContain("ok ");
    expect(text).toContain("</rss>");
  });
});
