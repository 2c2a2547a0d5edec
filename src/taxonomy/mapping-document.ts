import { z } from 'zod';

/**
 * The shape of taxonomy/mapping.yaml (see taxonomy/README.md). Only the shape is checked here; what makes a
 * well-shaped document wrong (unknown categories, overlapping rules, ...) is found by findDocumentProblems.
 * Categories are plain strings at this level so those problems can be reported in plain words.
 */
export const mappingRuleSchema = z.strictObject({
  /** A Google category path; it matches itself and every path below it (whole segments). */
  prefix: z.string(),
  category: z.string(),
  tag: z.string(),
  /** Why this rule exists: the study's statement it encodes, or the decision taken and why. */
  reason: z.string(),
});

export const mappingTagSchema = z.strictObject({
  /** `<category>` or `<category>/<kebab-slug>`. */
  id: z.string(),
  category: z.string(),
  /** Display name. */
  name: z.string().min(1),
});

export const mappingAliasSchema = z.strictObject({
  /** A path prefix rewritten to `to` before rule lookup, e.g. V2's "/Travel & Transportation" → "/Travel". */
  from: z.string(),
  to: z.string(),
  reason: z.string(),
});

export const mappingDocumentSchema = z.strictObject({
  version: z.string().min(1),
  description: z.string().optional(),
  aliases: z.array(mappingAliasSchema).default([]),
  tags: z.array(mappingTagSchema).min(1),
  rules: z.array(mappingRuleSchema).min(1),
});

export type MappingRule = z.infer<typeof mappingRuleSchema>;
export type MappingTag = z.infer<typeof mappingTagSchema>;
export type MappingAlias = z.infer<typeof mappingAliasSchema>;
export type MappingDocument = z.infer<typeof mappingDocumentSchema>;
