import { z } from 'zod';
import { compileLexicon, type CompiledLexicon } from './lexicon.js';
import { LOCAL_CATEGORIES, canonicalPathOf, isLocalCategory, type LocalCategory } from './categories.js';

/** Identifies a prompt-census local model file. */
export const MODEL_FORMAT = 'prompt-census/local-classifier-model';
export const MODEL_FORMAT_VERSION = 1;

/**
 * The model file as stored on disk (JSON). Weights are sparse: for each feature name a flat list
 * [classIndex, weight, classIndex, weight, ...]; absent classes weigh 0. Keys are written sorted so the same
 * training data always gives the same bytes.
 */
export const modelFileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  formatVersion: z.literal(MODEL_FORMAT_VERSION),
  version: z.string().min(1),
  description: z.string(),
  training: z.strictObject({
    source: z.string(),
    examples: z.number().int().min(0),
    sha256: z.string(),
    folds: z.number().int().min(0),
    epochs: z.number().int().min(0),
    l2: z.number().min(0),
    minDocumentFrequency: z.number().int().min(1),
  }),
  classes: z.array(z.string()).min(2),
  paths: z.record(z.string(), z.string()),
  temperature: z.number().positive(),
  decision: z.strictObject({
    minWords: z.number().int().min(0),
    labelFloor: z.number().min(0).max(1),
    maxLabels: z.number().int().min(1),
  }),
  /** Hand-written lexicon per category (see lexicon.ts); its hits are the `l:<category>` features. */
  lexicon: z.record(z.string(), z.array(z.string())),
  bias: z.array(z.number()),
  features: z.record(z.string(), z.array(z.number())),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

/** The model in memory, ready for fast scoring. */
export interface LocalModel {
  readonly version: string;
  readonly classes: readonly LocalCategory[];
  /** Canonical Google path per class index; undefined for `others`. */
  readonly paths: readonly (string | undefined)[];
  readonly temperature: number;
  readonly minWords: number;
  readonly labelFloor: number;
  readonly maxLabels: number;
  readonly lexicon: CompiledLexicon;
  readonly bias: Float64Array;
  /** Feature name → row offset into `weights` (row length = classes.length). */
  readonly rows: Map<string, number>;
  readonly weights: Float32Array;
}

/** Checks a parsed model file and builds the in-memory model. Throws an Error describing the first problem. */
export function buildLocalModel(file: unknown): LocalModel {
  const parsed = modelFileSchema.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `it is not a valid local classifier model (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem'})`,
    );
  }
  const data = parsed.data;
  const classes: LocalCategory[] = [];
  for (const c of data.classes) {
    if (!isLocalCategory(c)) throw new Error(`it names an unknown category "${c}"; known: ${LOCAL_CATEGORIES.join(', ')}`);
    classes.push(c);
  }
  const k = classes.length;
  if (data.bias.length !== k) throw new Error(`its bias has ${data.bias.length} entries but there are ${k} classes`);
  const paths = classes.map((c) => {
    const path = data.paths[c];
    if (c !== 'others' && path !== canonicalPathOf(c)) {
      throw new Error(`its path for "${c}" is "${path ?? '(missing)'}" but the canonical path is "${canonicalPathOf(c)}"`);
    }
    return c === 'others' ? undefined : path;
  });

  const names = Object.keys(data.features);
  const weights = new Float32Array(names.length * k);
  const rows = new Map<string, number>();
  names.forEach((name, i) => {
    const flat = data.features[name]!;
    if (flat.length % 2 !== 0) throw new Error(`feature "${name}" has an odd-length weight list`);
    const offset = i * k;
    for (let j = 0; j < flat.length; j += 2) {
      const cls = flat[j]!;
      if (!Number.isInteger(cls) || cls < 0 || cls >= k) throw new Error(`feature "${name}" names class index ${cls}, which does not exist`);
      weights[offset + cls] = flat[j + 1]!;
    }
    rows.set(name, offset);
  });

  for (const c of Object.keys(data.lexicon)) {
    if (!isLocalCategory(c)) throw new Error(`its lexicon names an unknown category "${c}"`);
  }
  const lexicon = compileLexicon(data.lexicon);

  return {
    version: data.version,
    lexicon,
    classes,
    paths,
    temperature: data.temperature,
    minWords: data.decision.minWords,
    labelFloor: data.decision.labelFloor,
    maxLabels: data.decision.maxLabels,
    bias: Float64Array.from(data.bias),
    rows,
    weights,
  };
}
