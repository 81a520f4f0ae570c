import { useCallback, useEffect, useRef, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser, type SessionUser } from "~/utils/auth.server";
import { userScope } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { badRequest, forbidden, isAppError } from "~/utils/errors";
import { formatDateTime } from "~/utils/messages";
import { Field } from "~/components/field";
import { readFile } from "~/modules/files/files.server";
import { checkIn, type CheckInResult } from "~/modules/draws/draws.server";
import { CheckInSchema } from "~/modules/draws/schemas";
import { titled } from "~/utils/meta";

// 现场签到 on a tablet: scan the ticket's QR code with the camera (BarcodeDetector where
// the browser has it, jsQR otherwise) or type the admission number. The server decides
// what the result may show (blind.server.ts): name and photo only where identities are
// visible to the person checking in.

function requireCheckInUser(user: SessionUser) {
  if (userScope(user, "judging:encrypt").length === 0 && userScope(user, "contest:manage").length === 0) {
    throw new Response(forbidden().message, { status: 403 });
  }
  return user;
}

export const meta = titled("checkIn");

export async function loader({ request }: LoaderFunctionArgs) {
  requireCheckInUser(await requireUser(request));
  // A phone's own camera app opens the ticket's URL: the token arrives here, and the
  // page asks for one more tap (no state change on GET).
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

type Shown = CheckInResult & { photoDataUrl: string | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCheckInUser(await requireUser(request));
  const form = Object.fromEntries(await request.formData());
  try {
    const result = await checkIn(user, parseInput(CheckInSchema, form), actorOf(user, context));
    let photoDataUrl: string | null = null;
    if (result.identity?.photoFileId) {
      const { file, bytes } = await readFile(result.identity.photoFileId).catch(() => ({ file: null, bytes: null }));
      if (file && bytes) photoDataUrl = `data:${file.mimeType};base64,${Buffer.from(bytes).toString("base64")}`;
    }
    return { ok: true as const, result: { ...result, photoDataUrl } satisfies Shown };
  } catch (error) {
    // An unknown number is a mistake on the form, not a missing page: said beside the field,
    // and the form stays as it was typed.
    if (isAppError(error) && error.code === "unknown_ticket") {
      return actionError(badRequest(error.message, [{ path: form.token ? "token" : "admissionNo", message: error.message }], "unknown_ticket"), request);
    }
    return actionError(error, request);
  }
}

type BarcodeDetectorLike = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };

/** The camera and a decoder; calls onCode once with the first QR payload it reads. */
function QrScanner({ onCode }: { onCode: (value: string) => void }) {
  const { t } = useTranslation("draws");
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const timerRef = useRef<number | null>(null);
  const [state, setState] = useState<"idle" | "scanning" | "unavailable">("idle");

  const stop = useCallback(() => {
    if (timerRef.current !== null) window.clearTimeout(timerRef.current);
    timerRef.current = null;
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setState((s) => (s === "scanning" ? "idle" : s));
  }, []);

  useEffect(() => stop, [stop]);

  async function start() {
    const video = videoRef.current;
    if (!video || !navigator.mediaDevices?.getUserMedia) return setState("unavailable");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      streamRef.current = stream;
      video.srcObject = stream;
      await video.play();
    } catch {
      return setState("unavailable");
    }
    setState("scanning");
    const Detector = (window as unknown as { BarcodeDetector?: new (o: { formats: string[] }) => BarcodeDetectorLike }).BarcodeDetector;
    const detector = Detector ? new Detector({ formats: ["qr_code"] }) : null;
    const jsQR = detector ? null : (await import("jsqr")).default;
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true });

    const tick = async () => {
      if (!streamRef.current) return;
      let value: string | null = null;
      if (video.readyState >= 2 && video.videoWidth > 0) {
        if (detector) {
          value = (await detector.detect(video).catch(() => []))[0]?.rawValue ?? null;
        } else if (jsQR && context) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          value = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" })?.data ?? null;
        }
      }
      if (value) {
        stop();
        onCode(value);
        return;
      }
      timerRef.current = window.setTimeout(tick, 200);
    };
    tick();
  }

  return (
    <div className="stack">
      <video ref={videoRef} muted playsInline style={{ width: "100%", maxWidth: 480, display: state === "scanning" ? "block" : "none", borderRadius: 8 }} />
      {state === "scanning" ? (
        <>
          <p role="status">{t("scanning")}</p>
          <button type="button" className="button button-secondary" onClick={stop}>{t("stopCamera")}</button>
        </>
      ) : (
        <button type="button" className="button" onClick={start}>{t("startCamera")}</button>
      )}
      {state === "unavailable" ? <p className="alert alert-warn" role="alert">{t("cameraUnavailable")}</p> : null}
    </div>
  );
}

export default function CheckInPage() {
  const { t, i18n } = useTranslation("draws");
  const when = (value: string | Date | null) => formatDateTime(value, i18n.language === "en" ? "en" : "zh");
  const { token } = useLoaderData<typeof loader>();
  const data = useActionData<{ ok: true; result: Shown } | ActionFailure>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const busy = navigation.state !== "idle";
  const onCode = useCallback((value: string) => submit({ token: value }, { method: "post" }), [submit]);
  const result = data?.ok ? data.result : null;

  return (
    <>
      <h1>{t("checkInTitle")}</h1>
      <p>{t("checkInHelp")}</p>
      <div aria-live="assertive">
        {data && !data.ok ? <div className="alert alert-error" role="alert">{data.message}</div> : null}
        {result ? (
          <section className={`alert ${result.outcome === "checked_in" ? "alert-ok" : "alert-warn"}`} role="status">
            <h2 style={{ marginTop: 0 }}>{result.outcome === "checked_in" ? t("checkedIn") : t("alreadyCheckedIn", { at: when(result.checkedInAt) })}</h2>
            <div style={{ display: "flex", gap: "1rem", flexWrap: "wrap" }}>
              {result.photoDataUrl ? <img src={result.photoDataUrl} alt={result.identity?.name ?? ""} style={{ width: 120, height: 160, objectFit: "cover" }} /> : null}
              <dl>
                <dt className="label">{t("admissionNo")}</dt><dd>{result.admissionNo}</dd>
                {result.identity ? <><dt className="label">{t("name")}</dt><dd>{result.identity.name}{t("common:inParens", { text: result.identity.sex })}</dd><dt className="label">{t("unit")}</dt><dd>{result.identity.unitName}</dd></> : null}
                <dt className="label">{t("session")}</dt><dd>{result.event.contestName} · {result.event.name}{result.session ? ` · ${result.session.name}` : ""}</dd>
                {result.session ? <><dt className="label">{t("place")}</dt><dd>{result.session.place} {when(result.session.startsAt)}</dd></> : null}
              </dl>
            </div>
            {result.identity ? null : <p className="muted">{t("identityHidden")}</p>}
          </section>
        ) : null}
      </div>

      {token && !data ? (
        <section className="card">
          <h2>{t("scannedTicket")}</h2>
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <button className="button" type="submit" disabled={busy}>{t("confirmTicket")}</button>
          </Form>
        </section>
      ) : null}

      <div className="grid">
        <section className="card" aria-label={t("startCamera")}>
          <QrScanner onCode={onCode} />
          {busy ? <p role="status">{t("scanned")}</p> : null}
        </section>
        <section className="card">
          <Form method="post" className="stack" key={result?.checkedInAt ? String(result.checkedInAt) : "form"}>
            <Field name="admissionNo" label={t("typedNumber")} required autoComplete="off" inputMode="text" issues={data && !data.ok ? data.issues : undefined} />
            <button className="button" type="submit" disabled={busy}>{t("checkInSubmit")}</button>
          </Form>
        </section>
      </div>
    </>
  );
}
