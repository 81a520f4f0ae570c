// React 18's streaming renderer (renderToPipeableStream) writes HTML through a reused 2 KB buffer and,
// when a multi-byte character (any Chinese character) would straddle its end, flushes the unwritten
// tail too: stray NUL bytes inside the page (react#24985, fixed upstream in React 19 by #26228).
// A label then reads "评\0分点名称", hydration keeps the broken attribute, and screen readers and
// tests no longer find it. NUL never occurs inside valid UTF-8 text or HTML, so dropping it is safe.

/** The chunk without its 0x00 bytes (the same chunk when it has none). */
export function withoutNulBytes(chunk: Uint8Array): Uint8Array {
  if (!chunk.includes(0)) return chunk;
  return chunk.filter((byte) => byte !== 0);
}
