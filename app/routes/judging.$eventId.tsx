import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
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

// /judging/:eventId — the tablet scoring page: one entrant at a time, by station code
// only (rule S-33); the judge's own marks only; works offline (outbox + service worker).
export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.board.event.name ?? "评分"} · 工赛` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:score");
  try {
    const [board, profile] = await Promise.all([getJudgingBoard(user, params.eventId!), getJudgeProfile(user.id)]);
    return { board, userId: user.id, displayName: user.displayName, hasPin: profile.hasPin };
  } catch (error) {
    return asResponse(error, request);
  }
}

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
