import type { SelectHTMLAttributes } from 'react';

type Props<T extends string> = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  values: readonly T[];
  value: T;
  onChange: (value: T) => void;
  /** The option's label in the reader's language, e.g. `(stance) => t(\`stance.${stance}\`)`. */
  label: (value: T) => string;
};

/** A select over one of the domain's enums (stances, levels, roles, stages): typed in, typed out. */
export function EnumSelect<T extends string>({ values, value, onChange, label, ...rest }: Props<T>) {
  return (
    <select {...rest} value={value} onChange={(event) => onChange(event.target.value as T)}>
      {values.map((option) => (
        <option key={option} value={option}>
          {label(option)}
        </option>
      ))}
    </select>
  );
}
