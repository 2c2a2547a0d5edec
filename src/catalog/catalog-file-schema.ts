import { z } from 'zod';

/**
 * Schema of config/models.yaml (and of any replacement catalog file). The header comment of the
 * bundled file documents every field; keep the two in step.
 */

/** An exact id: `author/slug` in lower case, optionally with more path segments or a `:variant`. */
const ID_FORMAT = /^[a-z0-9][a-z0-9._:-]*(?:\/[a-z0-9._:-]+)+$/;
/** A glob: the same characters plus `*`, and at least one `*`. */
const PATTERN_FORMAT = /^[a-z0-9._:/*-]*\*[a-z0-9._:/*-]*$/;

const priceSchema = z.strictObject({
  prompt: z.number().min(0, 'must be 0 or more (USD per 1M prompt tokens)'),
  completion: z.number().min(0, 'must be 0 or more (USD per 1M completion tokens)'),
});

export const catalogEntrySchema = z
  .strictObject({
    id: z
      .string()
      .regex(ID_FORMAT, 'must be a lower-case model id such as "openai/gpt-4o" (no spaces, no "*")')
      .optional(),
    pattern: z
      .string()
      .regex(PATTERN_FORMAT, 'must be a lower-case glob containing "*", such as "anthropic/claude-*"')
      .optional(),
    author: z.string().trim().min(1, 'must name the developer, e.g. "DeepSeek"'),
    openWeights: z.boolean().optional(),
    origin: z.enum(['chinese', 'row']).optional(),
    parametersB: z.number().positive('must be a positive number of billions').nullable().optional(),
    activeParametersB: z.number().positive('must be a positive number of billions').optional(),
    reasoning: z.boolean().optional(),
    pricePer1M: priceSchema.optional(),
    source: z.string().trim().min(1, 'must say where the facts come from, e.g. "model card"'),
  })
  .superRefine((entry, ctx) => {
    if ((entry.id === undefined) === (entry.pattern === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: 'each entry needs exactly one of "id" (exact model id) or "pattern" (glob)',
      });
    }
    if (entry.activeParametersB !== undefined) {
      if (entry.parametersB === undefined || entry.parametersB === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['activeParametersB'],
          message: 'is set but "parametersB" (the total) is not; give the total as well',
        });
      } else if (entry.activeParametersB > entry.parametersB) {
        ctx.addIssue({
          code: 'custom',
          path: ['activeParametersB'],
          message: `is larger than "parametersB" (${entry.parametersB}); active parameters are a subset of the total`,
        });
      }
    }
  });

export const catalogFileSchema = z
  .strictObject({
    version: z.string({ error: 'must be a string such as "2026.11.1" (quote it if YAML reads it as a number)' }).min(1),
    models: z.array(catalogEntrySchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.models.forEach((entry, index) => {
      const key = entry.id !== undefined ? `id:${entry.id}` : `pattern:${entry.pattern ?? ''}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, entry.id !== undefined ? 'id' : 'pattern'],
          message: `repeats models[${first}]; each id and pattern may appear only once`,
        });
      } else {
        seen.set(key, index);
      }
    });
  });

export type CatalogEntry = z.infer<typeof catalogEntrySchema>;
export type CatalogFile = z.infer<typeof catalogFileSchema>;
