// Modules that register review-chain hooks (./hooks.server.ts), imported for their side effect
// by review-chain.server.ts so that every hold check and decision hook is in place wherever the
// chain runs (pages, API, tests). One line per domain.
import "~/modules/honours/chain-hooks.server";
import "~/modules/consultations/consultations.server";
import "~/modules/proposals/chain-hooks.server";
import "~/modules/nominations/steps.server";
export {};
