/** Kana, CJK ideographs and Hangul: text in these needs the trigram index, since word splitting cannot cut it. */
export const CJK_RANGES = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff";
