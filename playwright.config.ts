import { defineConfig } from "@playwright/test";

// Browser tests drive a PRODUCTION build in Debian's Chromium (`apt-get install chromium`;
// `npx playwright install` cannot download anything on these networks). tests/e2e/serve.mjs
// builds when the sources changed, gives the app its own fresh SQLite database with the
// demo data, and serves it; Playwright stops it at the end. `npm test` picks a free port
// and passes it as E2E_PORT.
const port = Number(process.env.E2E_PORT ?? 3999);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  // Per port: Playwright empties its output folder at start, and engineers sharing a working
  // tree must not wipe each other's traces mid-run.
  outputDir: `test-results/e2e-${port}`,
  // Two cores: one browser at a time keeps timings steady, and the tests share one database.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: `playwright-report/e2e-${port}` }]],
  use: {
    baseURL,
    browserName: "chromium",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node tests/e2e/serve.mjs",
    url: `${baseURL}/healthz`,
    env: { E2E_PORT: String(port) },
    // A first build on a cold machine takes a while; later runs reuse it.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
