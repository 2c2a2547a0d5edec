import type { IngestFormat } from './ingest-format.js';
import { createEventsFormat } from './events/events-format.js';
import { createLitellmFormat } from './litellm/litellm-format.js';
import { createOpenrouterFormat } from './openrouter/openrouter-format.js';
import { createOtlpFormat } from './otlp/otlp-format.js';

const FACTORIES: Readonly<Record<IngestFormat['kind'], () => IngestFormat>> = {
  events: createEventsFormat,
  otlp: createOtlpFormat,
  litellm: createLitellmFormat,
  openrouter: createOpenrouterFormat,
};

/** Every ingest format by kind, freshly built (no shared state between callers). */
export function ingestFormats(): ReadonlyMap<IngestFormat['kind'], IngestFormat> {
  return new Map(Object.values(FACTORIES).map((create) => {
    const f = create();
    return [f.kind, f] as const;
  }));
}

/** The format of one kind; an unknown kind is an Error that lists the known ones. */
export function getIngestFormat(kind: string): IngestFormat {
  if (!Object.hasOwn(FACTORIES, kind)) {
    throw new Error(`Unknown ingest format "${kind}"; use one of: ${Object.keys(FACTORIES).join(', ')}.`);
  }
  return FACTORIES[kind as IngestFormat['kind']]();
}
