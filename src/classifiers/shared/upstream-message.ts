import { z } from 'zod';

/** Longest upstream message copied into an error (error messages end up in BullMQ's failedReason and in logs). */
const MAX_MESSAGE_CHARS = 300;
/** An upstream message sharing a run of this many characters with the excerpt is treated as quoting it. */
const ECHO_WINDOW = 16;

const googleErrorBody = z.looseObject({
  error: z.union([
    z.looseObject({ code: z.number().optional(), message: z.string().optional(), status: z.string().optional() }),
    z.string(),
  ]),
});
const plainMessageBody = z.looseObject({ message: z.string() });

export interface UpstreamError {
  /** The upstream explanation, unsanitised: use it to pick a reason, never copy it into a message as is. */
  message: string;
  /** Google's canonical status name when given, e.g. "INVALID_ARGUMENT", "RESOURCE_EXHAUSTED". */
  status?: string;
}

/**
 * Reads an error body: Google's `{"error": {"code", "message", "status"}}`, `{"error": "…"}`, `{"message": "…"}`,
 * or a short single-line plain-text body. Anything else (HTML pages, long bodies) gives an empty message.
 */
export function readUpstreamError(body: string): UpstreamError {
  const text = body.trim();
  if (text === '') return { message: '' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const plain = text.length <= MAX_MESSAGE_CHARS && !text.includes('\n') && !text.startsWith('<');
    return { message: plain ? text : '' };
  }
  const google = googleErrorBody.safeParse(json);
  if (google.success) {
    const e = google.data.error;
    if (typeof e === 'string') return { message: e };
    return { message: e.message ?? '', ...(e.status ? { status: e.status } : {}) };
  }
  const plain = plainMessageBody.safeParse(json);
  return { message: plain.success ? plain.data.message : '' };
}

/**
 * An upstream message made safe to put in an error message: whitespace collapsed, at most 300 characters,
 * and withheld entirely when it shares a run of 16 characters with the excerpt (a service that echoes the
 * input must not carry prompt text into logs or the job store). Returns '' when there is nothing to say.
 */
export function safeUpstreamMessage(message: string, excerpt: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  if (flat === '') return '';
  if (quotes(flat, excerpt.replace(/\s+/g, ' '))) return '(the upstream message was withheld because it quotes the excerpt)';
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS)}…` : flat;
}

function quotes(message: string, excerpt: string): boolean {
  const window = Math.min(ECHO_WINDOW, excerpt.length);
  if (window < 4) return false;
  for (let i = 0; i + window <= message.length; i++) {
    if (excerpt.includes(message.slice(i, i + window))) return true;
  }
  return false;
}
