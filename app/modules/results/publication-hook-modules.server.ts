// Modules that register results-publication hooks (./publication-hooks.server.ts), imported for
// their side effect by publication.server.ts so that every hook is in place wherever results are
// published (pages, API, tests). One line per domain.
import "~/modules/honours/contest-feed.server";
export {};
