/** The translation namespaces, one JSON file per locale each. Kept apart from the JSON so importing it loads no strings. */
export const NAMESPACES = ['common', 'scoring'] as const;
export type Namespace = (typeof NAMESPACES)[number];
