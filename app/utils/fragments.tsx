import { createContext, useContext, useState } from "react";

// HTML built once on the server and inserted into a page as it is (issue 13: the 3,000 rows of a
// public 公示, escaped once per notice stamp in notice-cache.server.ts, instead of rendered through
// React on every request). A document request carries a `fragments` map in its load context
// (server.mjs): the loader puts the HTML there, and the document render (entry.server.tsx) takes
// it from this context, so the HTML is in the page once and not a second time in the page's data.
// A data request (a client navigation or the revalidation after a form) has no map: the loader
// returns the HTML in its data. While the page hydrates, the HTML is the element's own content.

export type Fragments = Map<string, string>;

export const FragmentsContext = createContext<ReadonlyMap<string, string> | null>(null);

/** Where a loader puts a fragment: the document's map when there is one (the HTML stays out of the data), else its data. */
export function fragmentFor(context: unknown, id: string, html: string): string | null {
  const map = (context as { fragments?: unknown } | null | undefined)?.fragments;
  if (!(map instanceof Map)) return html;
  map.set(id, html);
  return null;
}

/**
 * The HTML of the element with this id: from the loader's data when it carries it; in the document
 * render, from the request's fragments; in the browser, while hydrating, the element's own content.
 */
export function useFragment(id: string, fromData: string | null): string {
  const fragments = useContext(FragmentsContext);
  const [inPage] = useState(() => (fromData === null && typeof document !== "undefined" ? document.getElementById(id)?.innerHTML ?? "" : ""));
  if (fromData !== null) return fromData;
  return fragments?.get(id) ?? inPage;
}
