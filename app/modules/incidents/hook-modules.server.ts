// The modules that register incident hooks (./hooks.server.ts), imported for their side effect
// by incidents.server.ts so that every hook is in place wherever an incident is recorded.
// Add one line per domain, e.g.:
//   import "~/modules/labour/incident-hooks.server";
export {};
import "~/modules/labour/incident-hooks.server";
