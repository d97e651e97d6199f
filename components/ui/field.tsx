import { cloneElement, forwardRef, isValidElement, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-red-500";

export function Field({ label, htmlFor, error, hint, required, children }: {
  label: string;
  htmlFor: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
}) {
  // The control announces its hint or error and that it is required (the visible "*" is aria-hidden).
  const describedBy = error ? `${htmlFor}-error` : hint ? `${htmlFor}-hint` : undefined;
  const control =
    isValidElement<Record<string, unknown>>(children) && children.props.id === htmlFor
      ? cloneElement(children, {
          "aria-describedby": children.props["aria-describedby"] ?? describedBy,
          "aria-required": children.props["aria-required"] ?? (required || undefined),
        })
      : children;
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {required && (
          <span aria-hidden className="mr-0.5 text-red-600">
            *
          </span>
        )}
        {label}
      </label>
      {control}
      {error ? (
        <p id={`${htmlFor}-error`} className="text-sm text-red-600" data-field-error={htmlFor}>
          {error}
        </p>
      ) : hint ? (
        <p id={`${htmlFor}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function Input({ className = "", ...props }, ref) {
  return <input ref={ref} className={`${control} ${className}`} {...props} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select({ className = "", ...props }, ref) {
  return <select ref={ref} className={`${control} ${className}`} {...props} />;
});

/** The compact text input and textarea of the inline action forms (batch, review and certificate screens). */
export const inputClass = "w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm";
