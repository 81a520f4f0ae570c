import { afterAll, describe, expect, it, vi } from "vitest";

const storageDir = vi.hoisted(() => {
  const dir = `tests/.tmp/stored-file-headers-${Math.random().toString(36).slice(2, 10)}`;
  process.env.STORAGE_DIR = dir;
  return dir;
});

import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { saveUpload, storedFileResponse } from "~/modules/files/files.server";
import { REVOCATION_DOCUMENT_PURPOSE } from "~/modules/honours/awards.server";
import { loader as fileLoader } from "~/routes/files.$fileId";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor } from "../factories";

// Every route that serves a stored file (an upload by a user, possibly by a member of the public)
// answers with the headers that keep an opened file from acting as this site: Content-Security-Policy
// with sandbox, X-Content-Type-Options: nosniff, and a Content-Disposition with the file's name
// (issue 13 audit). The headers are written in one place, storedFileResponse (files.server.ts); this
// walks app/routes for every resource route that hands out a stored file's bytes and requires it to
// answer through that function, then checks the function and a revocation document's download.

const ROUTES = path.resolve("app/routes");
const PDF = new TextEncoder().encode(`%PDF-1.4\n%${"x".repeat(300)}\n%%EOF\n`);

/** A resource route (no page component) that answers a stored file's bytes: it reads `{ file, bytes }` or calls storedFileResponse. */
function storedFileRoutes() {
  return readdirSync(ROUTES).filter((name) => /\.tsx?$/.test(name)).flatMap((name) => {
    const source = readFileSync(path.join(ROUTES, name), "utf8");
    if (/export default/.test(source)) return [];
    return /\{\s*file,\s*bytes\s*\}/.test(source) || source.includes("storedFileResponse") ? [{ name, source }] : [];
  });
}

afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

describe("routes that serve stored files (sandbox CSP, nosniff, Content-Disposition)", () => {
  it("every one answers through storedFileResponse and sets none of these headers itself", () => {
    const routes = storedFileRoutes();
    // the walk finds the known ones (so it cannot pass by finding nothing)
    expect(routes.map((r) => r.name)).toEqual(expect.arrayContaining([
      "files.$fileId.ts", "ankang.files.$fileId.ts", "consultations.$taskId.attachment.ts", "review-notices.$noticeId.letters.$objectionId.ts",
      "labour.$projectId.periods.$periodId.evidence.$scoreId.ts", "proposals.attachments.$attachmentId.ts", "contests.$contestId.rules[.]pdf.ts",
      "registrations.$registrationId.photo.ts", "api.v1.nominations.$nominationId.attachments.$fileId.ts", "api.v1.consultations.$taskId.attachments.$fileId.ts",
    ]));
    const own = routes.filter((r) => !/storedFileResponse\(/.test(r.source) || /["'](Content-Security-Policy|X-Content-Type-Options|Content-Disposition)["']/i.test(r.source));
    expect(own.map((r) => r.name)).toEqual([]);
  });

  it("storedFileResponse: images inline (attachment with ?download=1), everything else as attachment, always sandboxed and nosniff", () => {
    const cases = [
      { mimeType: "image/png", url: "http://localhost/x", disposition: /^inline; / },
      { mimeType: "image/jpeg", url: "http://localhost/x?download=1", disposition: /^attachment; / },
      { mimeType: "application/pdf", url: "http://localhost/x", disposition: /^attachment; / },
    ];
    for (const c of cases) {
      const res = storedFileResponse(new Request(c.url), { mimeType: c.mimeType, filename: "盖章信函.pdf" }, new Uint8Array(4));
      expect(res.headers.get("Content-Security-Policy")).toMatch(/(^|; )sandbox(;|$)/);
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(res.headers.get("Content-Disposition")).toMatch(c.disposition);
      expect(res.headers.get("Content-Disposition")).toContain("filename*=UTF-8''%E7%9B%96");
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    }
  });

  it("a revocation document (rules N-40, N-42) downloads from /files/:id with the sandbox header", async () => {
    const p = await createProvince();
    const user = await createUser([{ role: "grassroots_contact", orgId: p.enterpriseA.id }]);
    const stored = await saveUpload(new File([PDF], "判决书.pdf"), { purpose: REVOCATION_DOCUMENT_PURPOSE, allowedTypes: ["pdf"], orgId: p.enterpriseA.id }, { userId: user.id, requestId: null });
    const res = await fileLoader({ request: makeRequest(`/files/${stored.id}`, { cookie: await sessionCookieFor(user.id) }), params: { fileId: stored.id }, context: ctx });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''/);
  });
});
