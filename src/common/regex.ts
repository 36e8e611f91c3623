// Long regular expressions written in parts, so that no line of the source grows past 120
// characters and each alternative can be read (and commented) on its own.

/** The parts joined into one RegExp; write them with String.raw so backslashes stay as typed. */
export function regex(parts: readonly string[], flags = ''): RegExp {
  return new RegExp(parts.join(''), flags);
}

/** `(?:a|b|c)` from the alternatives. */
export function anyOf(alternatives: readonly string[]): string {
  return `(?:${alternatives.join('|')})`;
}
