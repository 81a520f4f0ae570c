// The 安康杯 module's messages are said in both languages, "中文 / English", and the reader's half is
// picked where they are shown (localiseMessage). Pure helpers: no server imports.

/** One message in both languages. */
export const bi = (zh: string, en: string) => `${zh} / ${en}`;

/** The Chinese or English half of a message made by `bi` (a one-language message is returned as it is). */
export function half(text: string, locale: "zh" | "en"): string {
  const i = text.indexOf(" / ");
  if (i < 0) return text;
  return locale === "zh" ? text.slice(0, i) : text.slice(i + 3);
}

/** A heading and several messages as one bilingual message: "标题：甲；乙 / heading: a; b". */
export function joined(zhHeading: string, enHeading: string, messages: readonly string[]): string {
  return bi(`${zhHeading}：${messages.map((m) => half(m, "zh")).join("；")}`, `${enHeading}: ${messages.map((m) => half(m, "en")).join("; ")}`);
}
