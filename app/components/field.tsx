import type { FieldIssue } from "~/utils/errors";
import { useLocalise } from "~/utils/use-localise";

type Props = {
  name: string;
  label: string;
  issues?: FieldIssue[];
  defaultValue?: string | null;
  type?: string;
  required?: boolean;
  children?: React.ReactNode;
  hint?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "defaultValue">;

/** A labelled input (or a select passed as children) with its error, wired for screen readers. */
export function Field({ name, label, issues, defaultValue, type = "text", required, children, hint, id, ...rest }: Props) {
  const inputId = id ?? name;
  const L = useLocalise();
  const error = L.message(issues?.find((i) => i.path === name)?.message) || undefined;
  const describedBy = [error ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children ?? (
        <input id={inputId} name={name} type={type} defaultValue={defaultValue ?? undefined} required={required}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      )}
      {hint ? <span id={`${name}-hint`} className="muted small">{hint}</span> : null}
      {error ? <span id={`${name}-error`} className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}

export function FormMessage({ result, okText }: { result?: { ok: boolean; message?: string } | null; okText?: string }) {
  const L = useLocalise();
  if (!result) return null;
  if (result.ok) return okText ? <div className="alert alert-ok" role="status">{okText}</div> : null;
  return <div className="alert alert-error" role="alert">{L.message(result.message)}</div>;
}
