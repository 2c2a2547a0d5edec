import type { HttpAnswer, IngestOutcome } from './ingest-format.js';

/** At most this many per-record errors are listed in an answer; the rest are counted in `errorsOmitted`. */
export const MAX_LISTED_ERRORS = 100;

/**
 * The JSON answer of the events, litellm and openrouter routes: 200 when anything was accepted or nothing was
 * rejected, 400 when every record was rejected (resending the same body cannot succeed).
 */
export function jsonOutcomeAnswer(outcome: IngestOutcome): HttpAnswer {
  const status = outcome.accepted === 0 && outcome.rejected > 0 ? 400 : 200;
  const listed = outcome.errors.slice(0, MAX_LISTED_ERRORS);
  const body: Record<string, unknown> = {
    accepted: outcome.accepted,
    rejected: outcome.rejected,
    ignored: outcome.ignored,
    errors: listed,
  };
  const omitted = (outcome.errorsOmitted ?? 0) + outcome.errors.length - listed.length;
  if (omitted > 0) body.errorsOmitted = omitted;
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
