import { apiLoader } from "~/utils/api.server";
import { contentDisposition } from "~/modules/files/files.server";
import { getResultsCsvOp } from "~/modules/results/publication-api";
import { resultsCsv } from "~/modules/results/exports.server";

export const loader = apiLoader(getResultsCsvOp, async ({ user, params }) => {
  const { csv, filename } = await resultsCsv(user, params.eventId);
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": contentDisposition(filename, false), "Cache-Control": "no-store" },
  });
});
