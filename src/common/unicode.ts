// Text that is not valid UTF-16 (a lone surrogate): PostgreSQL refuses it in JSON, URIs cannot
// encode it, and cutting text at a fixed length can make one of an emoji's two halves.

/** A high surrogate without its low half, or a low one without its high half. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** The first `max` UTF-16 units of a text, with any lone surrogate (a cut emoji) replaced by U+FFFD. */
export function cutWellFormed(text: string, max: number): string {
  return text.slice(0, max).replace(LONE_SURROGATES, '\uFFFD');
}
