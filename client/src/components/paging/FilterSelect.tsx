interface Props<V extends string> {
  label: string;
  /** The choice that filters nothing ("All"). */
  allLabel: string;
  value: V | undefined;
  options: readonly V[];
  optionLabel: (option: V) => string;
  onChange: (value: V | undefined) => void;
  testId: string;
}

/** One filter of a list's filter bar: a labelled select whose first choice filters nothing. */
export function FilterSelect<V extends string>({ label, allLabel, value, options, optionLabel, onChange, testId }: Props<V>) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as V | undefined)} data-testid={testId}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
