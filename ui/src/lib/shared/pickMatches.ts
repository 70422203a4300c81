// Which options a type-to-find picker shows for what was typed: names starting with it first, then names
// holding it elsewhere, each part in the options' own order; at most `limit`, with how many more matched,
// so a picker over 2,000 containers stays a short list that typing narrows. Pure.

export interface PickOption {
  id: string;
  name: string;
  /** A quiet second word after the name (a container's state). */
  hint?: string;
}

export interface PickMatches<T extends PickOption> {
  shown: T[];
  /** How many more matched than are shown. */
  more: number;
}

export function pickMatches<T extends PickOption>(options: readonly T[], typed: string, limit: number): PickMatches<T> {
  const q = typed.trim().toLowerCase();
  const starting: T[] = [];
  const holding: T[] = [];
  for (const o of options) {
    const name = o.name.toLowerCase();
    if (name.startsWith(q)) starting.push(o);
    else if (name.includes(q)) holding.push(o);
  }
  const all = starting.concat(holding);
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
