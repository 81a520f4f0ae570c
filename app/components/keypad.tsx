import { useTranslation } from "react-i18next";

// A numeric keypad for touch screens: large keys, no system keyboard popping up over
// the sheet. The value is text ("8.5") so that the scoring engine validates exactly
// what the judge typed (at most two decimals, never above the maximum).

export function appendKey(current: string, key: string, maxLength = 7): string {
  if (key === "back") return current.slice(0, -1);
  if (key === "clear") return "";
  if (key === ".") {
    if (current.includes(".")) return current;
    return current === "" ? "0." : `${current}.`;
  }
  if (!/^\d$/.test(key)) return current;
  if (current.length >= maxLength) return current;
  const decimals = current.includes(".") ? current.split(".")[1].length : -1;
  if (decimals >= 2) return current; // marks have at most two decimals
  if (current === "0") return key; // no leading zeros
  return current + key;
}

type Props = {
  value: string;
  onChange: (value: string) => void;
  onOk: () => void;
  disabled?: boolean;
  allowDecimal?: boolean;
  label: string;
};

export function Keypad({ value, onChange, onOk, disabled, allowDecimal = true, label }: Props) {
  const { t } = useTranslation("judging");
  const press = (key: string) => onChange(appendKey(value, key));
  const keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", allowDecimal ? "." : "", "0", "back"];
  return (
    <div className="keypad" role="group" aria-label={t("keypad")}>
      <output className="keypad-display" aria-live="polite" aria-label={label}>
        {value || "\u00a0"}
      </output>
      <div className="keypad-keys">
        {keys.map((key, i) =>
          key === "" ? (
            <span key={i} aria-hidden="true" />
          ) : (
            <button
              key={key}
              type="button"
              className="keypad-key"
              disabled={disabled}
              onClick={() => press(key)}
              aria-label={key === "back" ? t("keyBack") : key === "." ? "小数点 ." : key}
            >
              {key === "back" ? "⌫" : key}
            </button>
          ),
        )}
        <button type="button" className="keypad-key keypad-clear" disabled={disabled} onClick={() => press("clear")}>
          {t("keyClear")}
        </button>
        <button type="button" className="keypad-key keypad-ok" disabled={disabled || value === ""} onClick={onOk}>
          {t("keyOk")}
        </button>
      </div>
    </div>
  );
}
