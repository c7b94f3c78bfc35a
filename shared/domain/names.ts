/**
 * Display names: the user's names for the ids exports carry (projects, API keys, members, accounts),
 * by dimension and then id. One function says how an id is shown, for every report, screen and tip.
 */
export type DisplayNames = Partial<Record<string, Readonly<Record<string, string>>>>;

/** The name the user gave `id` in `dimension`, else the id itself. */
export function displayName(names: DisplayNames | undefined, dimension: string, id: string): string {
  return names?.[dimension]?.[id] ?? id;
}
