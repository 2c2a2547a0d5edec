import type { HttpAnswer, IngestErrorReply } from './ingest-format.js';

/** The error body of the events, litellm and openrouter routes: `{"error": code, "message": sentence}`. */
export function jsonErrorAnswer(error: IngestErrorReply): HttpAnswer {
  return {
    status: error.status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ error: error.code, message: error.message }),
  };
}
