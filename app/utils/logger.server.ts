// Structured JSON logs on stdout, one object a line (the server adds the request line).
type Fields = Record<string, unknown>;

function write(level: string, msg: string, fields: Fields) {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + "\n");
}

export const logger = {
  info: (msg: string, fields: Fields = {}) => write("info", msg, fields),
  warn: (msg: string, fields: Fields = {}) => write("warn", msg, fields),
  error: (msg: string, fields: Fields = {}) => write("error", msg, fields),
};

export function logError(error: unknown, fields: Fields = {}) {
  const e = error instanceof Error ? { error: e_message(error), stack: error.stack } : { error: String(error) };
  write("error", "unhandled error", { ...fields, ...e });
}
const e_message = (e: Error) => `${e.name}: ${e.message}`;
