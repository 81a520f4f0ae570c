import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { Field } from "~/components/field";
import { SKILL_LEVEL_ORDER } from "~/modules/contests/event-rules";
import {
  attachPhoto, entrantProfile, getEventForRegistration, PHOTO_MAX_BYTES, PHOTO_TYPES, registerSelf,
} from "~/modules/registration/registration.server";
import { readUploadForm, saveUpload } from "~/modules/files/files.server";
import { describeTypes, detectFileType, extensionMatches } from "~/modules/files/file-types";
import { RegisterSelfSchema } from "~/modules/registration/schemas";
import { EligibilityList } from "~/modules/registration/components";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled<typeof loader>("registrationNew", (d) => d.event.name);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const eventId = new URL(request.url).searchParams.get("eventId");
  if (!eventId) throw asResponse(badRequest("请选择赛项 / choose an event"), request);
  const event = await getEventForRegistration(eventId).catch((error: unknown) => asResponse(error, request));
  const profile = await entrantProfile(user, event.contest.startsAt ? new Date(event.contest.startsAt) : null);
  return { event, profile };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  try {
    const multipart = (request.headers.get("Content-Type") ?? "").includes("multipart/form-data");
    const formData = multipart ? await readUploadForm(request, PHOTO_MAX_BYTES) : await request.formData();
    const { photo, ...form } = Object.fromEntries(formData);
    const input = parseInput(RegisterSelfSchema, { ...form, eventId: new URL(request.url).searchParams.get("eventId") ?? form.eventId });
    // The photo is checked before anything is written, and stored once the registration is accepted.
    const hasPhoto = photo instanceof File && photo.size > 0;
    if (hasPhoto) await checkPhoto(photo);
    const { eventId, ...fields } = input;
    const actor = actorOf(user, context);
    const id = await registerSelf(user, eventId, fields, actor);
    if (hasPhoto) {
      const stored = await saveUpload(photo, { purpose: "registration-photo", allowedTypes: PHOTO_TYPES, maxBytes: PHOTO_MAX_BYTES, field: "photo" }, actor);
      await attachPhoto(user, id, stored.id, actor);
    }
    return redirect(`/registrations/${id}?submitted=1`);
  } catch (error) {
    return actionError(error, request);
  }
}

async function checkPhoto(photo: File) {
  const type = detectFileType(new Uint8Array(await photo.slice(0, 4096).arrayBuffer()));
  if (photo.size > PHOTO_MAX_BYTES || !(PHOTO_TYPES as readonly string[]).includes(type) || !extensionMatches(photo.name, type as "jpeg")) {
    const message = `照片须为不超过 2 MB 的${describeTypes(PHOTO_TYPES, "zh")} / the photo must be a ${describeTypes(PHOTO_TYPES, "en")} of at most 2 MB`;
    throw badRequest(message, [{ path: "photo", message }], "invalid_photo");
  }
}

export default function NewRegistration() {
  const L = useLocalise();
  const { t } = useTranslation("registration");
  const { event, profile } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const issues = result?.issues;
  const busy = useNavigation().state === "submitting";
  const reasons = issues?.filter((i) => ["eligibility", "quota", "memberId", "eventId", "photo"].includes(i.path)) ?? [];
  return (
    <>
      <p><Link to="/registrations">← {t("back")}</Link></p>
      <h1>{t("newTitle", { event: `${event.contest.name} · ${event.name}` })}</h1>
      {event.windowProblem ? <div className="alert alert-warn" role="status">{t("windowClosed", { reason: event.windowProblem })}</div> : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert" data-testid="registration-refused">
          {reasons.length > 1 ? <ul>{reasons.map((r) => <li key={r.message}>{r.message}</li>)}</ul> : result.message}
        </div>
      ) : null}
      <section className="card" aria-labelledby="event-title">
        <h2 id="event-title">{t("eligibilityHeading")}</h2>
        <p>{t("trade")}{t("common:colon")}{event.trade} · {t("group")}{t("common:colon")}{event.groupName} · {event.mode === "team" ? (event.teamSize ? t("modeTeam", { size: event.teamSize }) : t("modeTeamAny")) : t("modeIndividual")}</p>
        <EligibilityList eligibility={event.eligibility} />
      </section>
      {!profile ? (
        <div className="alert alert-warn" role="status">{t("notLinked")} <Link to="/account/member">{t("linkNow")}</Link></div>
      ) : (
        <>
          <section className="card" aria-labelledby="record-title">
            <h2 id="record-title">{t("entrant")}</h2>
            <p className="muted small">{t("fromRecord")}</p>
            <dl className="grid">
              <div><dt className="label">{t("name")}</dt><dd>{profile.name}</dd></div>
              <div><dt className="label">{t("unit")}</dt><dd>{profile.unitName}</dd></div>
              <div><dt className="label">{t("idNumber")}</dt><dd>{profile.idNumberMasked}</dd></div>
              <div><dt className="label">{t("sex")}</dt><dd>{L.value(profile.sex)}</dd></div>
              <div><dt className="label">{t("age")}</dt><dd>{profile.age}</dd></div>
              <div><dt className="label">{t("employmentStatus")}</dt><dd data-testid="employment-status">{L.value(profile.employmentStatus)}</dd></div>
              <div><dt className="label">{t("skillLevel")}</dt><dd>{profile.skillLevel ? L.value(profile.skillLevel) : t("none")}</dd></div>
            </dl>
          </section>
          <Form method="post" encType="multipart/form-data" className="stack card" aria-labelledby="form-title">
            <h2 id="form-title">{t("register")}</h2>
            <input type="hidden" name="eventId" value={event.id} />
            <Field name="skillLevel" label={t("skillLevel")} issues={issues} hint={t("skillLevelHint")}>
              <select id="skillLevel" name="skillLevel" defaultValue="" aria-describedby="skillLevel-hint">
                <option value="">{profile.skillLevel ? L.value(profile.skillLevel) : t("none")}</option>
                {SKILL_LEVEL_ORDER.map((level) => <option key={level} value={level}>{L.value(level)}</option>)}
              </select>
            </Field>
            <Field name="certificateNo" label={t("certificateNo")} issues={issues} />
            <Field name="yearsOfService" label={t("yearsOfService")} type="number" min={0} max={60} inputMode="numeric" issues={issues} />
            <div className="checkbox">
              <input id="declaredNoAccident" name="declaredNoAccident" type="checkbox" value="on" />
              <label htmlFor="declaredNoAccident">{t("declaredNoAccident")}</label>
            </div>
            {event.mode === "team" ? <Field name="teamName" label={t("teamName")} hint={t("teamNameHint")} required issues={issues} /> : null}
            <Field name="leaderName" label={t("leaderName")} issues={issues} />
            <Field name="coachName" label={t("coachName")} issues={issues} />
            <Field name="photo" label={t("photo")} type="file" accept="image/jpeg,image/png" hint={t("photoHint")} issues={issues} />
            <button className="button" type="submit" disabled={busy || !!event.windowProblem}>{t("submit")}</button>
          </Form>
        </>
      )}
    </>
  );
}
