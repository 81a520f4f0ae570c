import { useTranslation } from "react-i18next";
import { localiseMessage, valueLabel, formatDateTime, formatLongDate, punctuation, type MessageLocale } from "./messages";

/**
 * For pages: the reader's locale and the helpers that put stored texts in it (a "中文 / English"
 * message, a stored Chinese value, a date). Same result on the server and in the browser.
 */
export function useLocalise() {
  const { i18n } = useTranslation();
  const locale: MessageLocale = i18n.language === "en" ? "en" : "zh";
  return {
    locale,
    /** colon, comma, semicolon, list(items), paren(text): punctuation in the reader's language. */
    ...punctuation(locale),
    message: (text: string | null | undefined) => localiseMessage(text, locale),
    value: (text: string | null | undefined) => valueLabel(text, locale),
    date: (value: string | number | Date | null | undefined, withTime = true) => formatDateTime(value, locale, withTime),
    /** A day in words: "2026年12月7日" / "7 December 2026". */
    day: (value: string | number | Date | null | undefined) => formatLongDate(value, locale),
  };
}
