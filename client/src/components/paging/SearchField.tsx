import { useEffect, useState } from 'react';
import { LIMITS } from '../../../../shared/schemas/limits';
import { useLatestCallback } from '../../lib/useLatestCallback';

interface Props {
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/** Each keystroke would be a request to the server; wait until the typing pauses. */
const DEBOUNCE_MS = 300;

/** A search box whose text reaches the URL (and so the server) once the user pauses. */
export function SearchField({ label, value, onChange }: Props) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  // The URL changed under us (back button, a cleared filter): show what it says, adjusted
  // during render as React advises. Text that already matches (a trailing space) stays as typed.
  if (shown !== value) {
    setShown(value);
    if ((text.trim() || undefined) !== value) setText(value ?? '');
  }
  // The latest onChange when the timer fires: it writes into the URL as it is then, so a
  // filter picked while the search waited is kept.
  const commit = useLatestCallback((trimmed: string | undefined) => onChange(trimmed));
  useEffect(() => {
    const trimmed = text.trim() || undefined;
    if (trimmed === value) return;
    const timer = setTimeout(() => commit(trimmed), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, commit]);
  return (
    <label className="inline-field search-field">
      <span>{label}</span>
      <input type="search" value={text} maxLength={LIMITS.name} onChange={(e) => setText(e.target.value)} data-testid="filter-search" />
    </label>
  );
}
