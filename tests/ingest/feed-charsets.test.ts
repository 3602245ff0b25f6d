import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { serveFeed } from "../fakes/feed-server.js";
import { ingestHarness } from "../fakes/ingest-harness.js";

// News-like text of a realistic length in each language: a title and a sentence or two per item.
const TEXTS = {
  portuguese: [
    ["Governo anuncia simulações de impacto da nova regulação", "A previsão é que as medições sejam concluídas até o fim do mês, segundo a secretária de inovação."],
    ["Câmara aprova projeto sobre inteligência artificial", "O texto, que ainda passará pelo Senado, exige transparência e avaliação de riscos nas aplicações públicas."],
    ["Exportações de café crescem após acordo comercial", "Produtores de Minas Gerais comemoram a expansão, mas a associação alerta para a alta dos custos de produção."],
  ],
  simplified: [
    ["英伟达 H200 出口管制的最新进展", "商务部表示坚决反对美方对人工智能芯片和模型权重的出口限制，并将采取必要措施维护中国企业的正当权益。"],
    ["网信办发布生成式人工智能服务管理办法征求意见稿", "办法要求提供者对训练数据的来源合法性负责，并在向公众提供服务前申报安全评估。"],
    ["世界人工智能大会在上海开幕", "国务院总理提议成立全球人工智能合作组织，推动各国在治理规则上加强协调。"],
  ],
  traditional: [
    ["輝達 H200 晶片出口管制的最新發展", "商務部表示堅決反對美方對人工智慧晶片和模型權重的出口限制，並將採取必要措施維護企業的正當權益。"],
    ["立法院三讀通過人工智慧基本法草案", "草案要求政府機關在使用人工智慧系統前進行風險評估，並公開說明其用途與限制。"],
    ["半導體產業聯盟呼籲加強人才培育", "業者指出，先進製程的研發需要大量工程師，學校與企業應共同規劃長期的培訓課程。"],
  ],
  japanese: [
    ["エヌビディアのH200の輸出規制に関する最新情報", "商務省は、人工知能の半導体とモデルの重みの輸出制限に強く反対すると述べ、必要な措置を講じると発表しました。"],
    ["政府が生成AIの利用指針を公表", "指針は、行政機関が文章を作成する際の確認手順や、個人情報の取り扱いについて具体的に定めています。"],
    ["東京で人工知能の国際会議が開かれる", "各国の研究者が集まり、安全性の評価方法や国際的な協力の枠組みについて議論しました。"],
  ],
} as const;

function feed(items: ReadonlyArray<readonly [string, string]>, prolog = ""): string {
  const body = items.map(([title, text], i) => `<item><title>${title}</title><description>${text}</description><guid>item-${i}</guid></item>`).join("");
  return `${prolog}<rss version="2.0"><channel><title>${items[0]![0]}</title><link>https://news.example/</link>${body}</channel></rss>`;
}


const h = ingestHarness();

async function titlesOf(path: string, body: Buffer, contentType: string): Promise<string[]> {
  h.server.route(path, serveFeed({ body, contentType }));
  const result = await h.ingester.poll({ id: path.slice(1), url: h.server.url(path), weight: 1 }, null);
  expect(result.error).toBeNull();
  return result.items.map((item) => item.title);
}

describe("feeds without a charset label", () => {
  it.each([
    ["ISO-8859-1 (Portuguese)", TEXTS.portuguese, "latin1"],
    ["windows-1252 (Portuguese)", TEXTS.portuguese, "win1252"],
    ["GB18030 (simplified Chinese)", TEXTS.simplified, "gb18030"],
    ["Big5 (traditional Chinese)", TEXTS.traditional, "big5"],
    ["Shift_JIS (Japanese)", TEXTS.japanese, "shift_jis"],
  ])("decodes %s by detection", async (name, items, encoding) => {
    const bytes = iconv.encode(feed(items), encoding);
    const titles = await titlesOf(`/unlabelled-${encoding}.xml`, bytes, "application/rss+xml");
    expect(titles, name).toEqual(items.map(([title]) => title));
  });

  it.each([
    ["Shift_JIS bytes labelled UTF-8", TEXTS.japanese, "shift_jis", "text/xml; charset=utf-8"],
    ["GB18030 bytes labelled ISO-8859-1", TEXTS.simplified, "gb18030", "text/xml; charset=ISO-8859-1"],
    ["Big5 bytes labelled windows-1252", TEXTS.traditional, "big5", "application/rss+xml; charset=windows-1252"],
  ])("trusts the detector over a wrong label: %s", async (_name, items, encoding, contentType) => {
    const titles = await titlesOf(`/mislabelled-${encoding}.xml`, iconv.encode(feed(items), encoding), contentType);
    expect(titles).toEqual(items.map(([title]) => title));
  });

  it("keeps a right Latin-1 label", async () => {
    const titles = await titlesOf("/labelled-latin1.xml", iconv.encode(feed(TEXTS.portuguese), "latin1"), "text/xml; charset=ISO-8859-1");
    expect(titles).toEqual(TEXTS.portuguese.map(([title]) => title));
  });
});

describe("UTF-8 with a stray bad byte", () => {
  // The audit's shape: one Chinese title, the rest English, one 0xFF in another item's text.
  const AUDIT = [
    ["英伟达 H200 出口管制", "Washington widens the rules on AI accelerators."],
    ["Chip makers react", "Suppliers say the new licence terms are unclear"],
  ] as const;
  const withBadByte = (items: ReadonlyArray<readonly [string, string]>, prolog: string) => {
    const text = feed(items, prolog);
    const at = text.lastIndexOf("</description>");
    return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff]), Buffer.from(text.slice(at))]);
  };

  it.each([
    ["labelled in the header and the prolog", AUDIT, '<?xml version="1.0" encoding="UTF-8"?>', "application/rss+xml; charset=utf-8"],
    ["labelled in the header only", AUDIT, "", "application/rss+xml; charset=UTF-8"],
    ["labelled in the prolog only", AUDIT, '<?xml version="1.0" encoding="utf-8"?>', "application/rss+xml"],
    ["not labelled, mostly Chinese", TEXTS.simplified, "", "application/rss+xml"],
    ["labelled windows-1252 by mistake, mostly Chinese", TEXTS.simplified, "", "text/xml; charset=windows-1252"],
  ])("stays UTF-8 when %s", async (_name, items, prolog, contentType) => {
    h.server.route("/stray.xml", serveFeed({ body: withBadByte(items, prolog), contentType }));
    const result = await h.ingester.poll({ id: "stray", url: h.server.url("/stray.xml"), weight: 1 }, null);
    expect(result.items.map((item) => item.title)).toEqual(items.map(([title]) => title));
    expect(result.items.at(-1)!.summary).toMatch(/\uFFFD$/);
    expect(result.items[0]!.summary).not.toContain("\uFFFD");
  });

  it("still reads Latin-1 text wrongly labelled UTF-8 as Latin-1", async () => {
    const bytes = iconv.encode(feed(TEXTS.portuguese, '<?xml version="1.0" encoding="utf-8"?>'), "latin1");
    const titles = await titlesOf("/latin1-as-utf8.xml", bytes, "application/rss+xml; charset=utf-8");
    expect(titles).toEqual(TEXTS.portuguese.map(([title]) => title));
  });
});
