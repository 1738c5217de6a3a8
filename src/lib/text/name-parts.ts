// Where a long identifier may wrap: alert names such as `SLOAvailabilityFastBurn` have no spaces, and
// a narrow table column otherwise breaks them at any letter.

/** The identifier cut at word boundaries: camelCase humps, acronyms, and after `_ . : -`. */
export function nameParts(name: string): string[] {
  return name.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[_.:-])(?=.)/).filter(Boolean);
}
