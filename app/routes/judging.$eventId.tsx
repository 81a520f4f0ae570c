import { json, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { getJudgingBoard, submitSheet } from "~/modules/judging/marks.server";
import { getJudgeProfile } from "~/modules/judging/assignments.server";
import { SubmitSheetSchema } from "~/modules/judging/schemas";
import { JudgingBoardView } from "~/components/judging/judging-board";
import judgingStyles from "~/components/judging/judging.css";
import { titled } from "~/utils/meta";

// /judging/:eventId — the tablet scoring page: one entrant at a time, by station code
// only (rule S-33); the judge's own marks only; works offline (outbox + service worker).
export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

export const meta = titled<typeof loader>("judgingBoard", (d) => d.board.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:score");
  try {
    const [board, profile] = await Promise.all([getJudgingBoard(user, params.eventId!), getJudgeProfile(user.id)]);
    // The service worker keeps its offline copy of this page under this user only (issue 11).
    return json({ board, userId: user.id, displayName: user.displayName, hasPin: profile.hasPin }, { headers: { "X-Gongsai-User": user.id } });
  } catch (error) {
    return asResponse(error, request);
  }
}

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const userId = loaderHeaders.get("X-Gongsai-User");
  return userId ? { "X-Gongsai-User": userId, "Cache-Control": "private, no-cache" } : new Headers();
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:score");
  try {
    const input = parseInput(SubmitSheetSchema, Object.fromEntries(await request.formData()));
    const result = await submitSheet(user, params.eventId!, input.blindCodeId, input, actorOf(user, context));
    return { ok: true as const, ...result };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function JudgingEventPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("judging");
  return (
    <>
      <p className="no-print"><Link to="/judging">← {t("title")}</Link></p>
      <JudgingBoardView {...data} />
    </>
  );
}
