import { z } from 'zod';
import type { ClassifyResult } from '../classifier.js';
import { TransientClassifierError } from '../errors/transient-classifier-error.js';
import { capitalize } from './failure-context.js';

/**
 * A classifyText answer (Google's v1/v2 REST shape). `categories` may be missing: proto3 JSON leaves out empty
 * lists, so `{}` means "no category". Extra fields (v2's `severity`, …) are ignored.
 */
export const classifyAnswerSchema = z.looseObject({
  categories: z
    .array(
      z.looseObject({
        name: z.string().regex(/^\/./, 'a category name is a path starting with "/"'),
        confidence: z.number().min(0).max(1),
      }),
    )
    .optional(),
  languageCode: z.string().optional(),
  languageSupported: z.boolean().optional(),
});

/**
 * Validates an answer and turns it into a ClassifyResult (labels in the order given, every label kept).
 * An answer of the wrong shape is a transient "bad_response": a broken proxy or a half-deployed service
 * may well answer properly on the next attempt. An empty languageCode counts as unknown; languageSupported is kept
 * whenever the answer has it, with or without a languageCode.
 */
export function toClassifyResult(answer: unknown, service: string): ClassifyResult {
  const parsed = classifyAnswerSchema.safeParse(answer);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the body';
    throw new TransientClassifierError(
      'bad_response',
      `${capitalize(service)} answered with something that is not a classifyText answer (problem at ${where}: ` +
        `${parsed.error.issues[0]?.message ?? 'invalid'}). The sample will be retried.`,
    );
  }
  const { categories = [], languageCode, languageSupported } = parsed.data;
  const result: ClassifyResult = { labels: categories.map((c) => ({ name: c.name, confidence: c.confidence })) };
  if (languageCode) result.languageCode = languageCode;
  // Kept even without a languageCode: "not supported" is worth recording when the service names no language.
  if (languageSupported !== undefined) result.languageSupported = languageSupported;
  return result;
}
