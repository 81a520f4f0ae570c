/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // pdfkit and exceljs read data files at run time and must stay outside the bundle;
  // better-sqlite3 and argon2 are native addons.
  serverDependenciesToBundle: [],
  browserNodeBuiltinsPolyfill: { modules: { crypto: false } },
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
