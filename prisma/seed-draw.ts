import crypto from "node:crypto";
import { seededRandom, shuffle } from "~/modules/draws/draw";

// The demo events' draws (issue 10): entry numbers and stations come from the real draw's
// seeded shuffles (app/modules/draws/draw.ts, rules S-33/S-34), so a station code says
// nothing about the admission number or the registration order, as in a real event. The
// seed is derived from the event id, so every run of the demo seed draws the same (the
// seed stays idempotent, and the browser tests' fixed codes such as A01 still exist: they
// just belong to whoever the draw gave them to).

export type DemoPlace = {
  /** 1-based position in the entry-number draw (round 1) */
  orderNo: number;
  /** 1-based station, also the number in the demo's readable station code */
  stationNo: number;
};

/** Where each of `count` entrants (in registration order) is placed by the draw. */
export function demoDraw(eventId: string, count: number): DemoPlace[] {
  const seed = crypto.createHash("sha256").update(`gongsai-demo-draw:${eventId}`).digest("hex");
  const entrants = Array.from({ length: count }, (_, i) => i);
  const round1 = shuffle(entrants, seededRandom(seed, "round1:entry-numbers"));
  const round2 = shuffle(entrants, seededRandom(seed, "round2:sessions-stations"));
  return entrants.map((i) => ({ orderNo: round1.indexOf(i) + 1, stationNo: round2.indexOf(i) + 1 }));
}

export const pad2 = (n: number) => String(n).padStart(2, "0");
