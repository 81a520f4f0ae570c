/** Who is acting and under which request: carried into every service call and event. */
export type Actor = { userId: string | null; requestId: string | null };

export const systemActor = (requestId: string | null = null): Actor => ({ userId: null, requestId });
