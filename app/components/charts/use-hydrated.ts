import { useEffect, useState } from "react";

// Charts draw on a canvas in the browser only: render them after hydration, so the server
// HTML and the first client render agree (Chart.js modules are *.client.tsx, stubbed on the server).
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
