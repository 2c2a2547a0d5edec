import { z } from 'zod';
import { featureKey } from './feature-key.js';
import { compileLexicon, type CompiledLexicon } from './lexicon.js';
import { ScoringScratch } from './scoring-scratch.js';
import { STRUCTURAL_FEATURES } from './structural-features.js';
import type { TopLabelCalibration } from './top-label-calibration.js';
import { WeightTable } from './weight-table.js';
import { LOCAL_CATEGORIES, canonicalPathOf, isLocalCategory, type LocalCategory } from './categories.js';

/** Identifies a prompt-census local model file. */
export const MODEL_FORMAT = 'prompt-census/local-classifier-model';
/** 2: lexical values are (1 + ln count) / sqrt(lexical occurrences), looked up by integer key (feature-key.ts). */
export const MODEL_FORMAT_VERSION = 2;

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
    minBigramDocumentFrequency: z.number().int().min(1),
  }),
  classes: z.array(z.string()).min(2),
  paths: z.record(z.string(), z.string()),
  temperature: z.number().positive(),
  /** Platt map of the top label's probability (top-label-calibration.ts). */
  topLabelCalibration: z.strictObject({ slope: z.number().positive(), intercept: z.number() }),
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
  readonly topLabelCalibration: TopLabelCalibration;
  readonly minWords: number;
  readonly labelFloor: number;
  readonly maxLabels: number;
  readonly lexicon: CompiledLexicon;
  readonly bias: Float64Array;
  /** Number of features in the model file. */
  readonly featureCount: number;
  /** Lexical features (w b p c d y) by integer key, with their weights (weight-table.ts). */
  readonly lexical: WeightTable;
  /** The named features: STRUCTURAL_FEATURES, then the lexicon's `l:<category>` features. */
  readonly namedFeatures: readonly string[];
  /** Weights of the named features, namedFeatures.length × classes.length (0 for a feature the model lacks). */
  readonly namedWeights: Float64Array;
  /** Scoring buffers (see predict.ts). */
  readonly scratch: ScoringScratch;
}

/** A feature's class weights by name, or undefined when the model does not have it. */
export function weightsOf(model: LocalModel, name: string): Float64Array | undefined {
  const named = model.namedFeatures.indexOf(name);
  const k = model.classes.length;
  if (named >= 0) return model.namedWeights.slice(named * k, named * k + k);
  const key = featureKey(name);
  return key ? model.lexical.weightsOf(key[0], key[1]) : undefined;
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

  for (const c of Object.keys(data.lexicon)) {
    if (!isLocalCategory(c)) throw new Error(`its lexicon names an unknown category "${c}"`);
  }
  const lexicon = compileLexicon(data.lexicon);
  const namedFeatures = [...STRUCTURAL_FEATURES, ...lexicon.featureNames];
  const namedIndex = new Map(namedFeatures.map((name, i) => [name, i]));
  const namedWeights = new Float64Array(namedFeatures.length * k);

  const names = Object.keys(data.features);
  const lexical = new WeightTable(names.length, k);
  const row = new Float64Array(k);
  for (const name of names) {
    const flat = data.features[name]!;
    if (flat.length % 2 !== 0) throw new Error(`feature "${name}" has an odd-length weight list`);
    row.fill(0);
    for (let j = 0; j < flat.length; j += 2) {
      const cls = flat[j]!;
      if (!Number.isInteger(cls) || cls < 0 || cls >= k) throw new Error(`feature "${name}" names class index ${cls}, which does not exist`);
      row[cls] = flat[j + 1]!;
    }
    const named = namedIndex.get(name);
    if (named !== undefined) {
      namedWeights.set(row, named * k);
      continue;
    }
    if (name.startsWith('s:') || name.startsWith('l:')) {
      throw new Error(`it has the named feature "${name}", which this version of the classifier does not compute`);
    }
    const key = featureKey(name);
    if (!key) throw new Error(`its feature "${name}" has no known kind (w:, b:, p:, c:, d:, y:, s:, l:)`);
    try {
      if (!lexical.add(key[0], key[1], row)) throw new Error(`its feature "${name}" has the same key as another feature; rename one`);
    } catch (err) {
      if (err instanceof RangeError) throw new Error(`its feature "${name}": ${err.message}`);
      throw err;
    }
  }

  return {
    version: data.version,
    lexicon,
    classes,
    paths,
    temperature: data.temperature,
    topLabelCalibration: data.topLabelCalibration,
    minWords: data.decision.minWords,
    labelFloor: data.decision.labelFloor,
    maxLabels: data.decision.maxLabels,
    bias: Float64Array.from(data.bias),
    featureCount: names.length,
    lexical,
    namedFeatures,
    namedWeights,
    scratch: new ScoringScratch(STRUCTURAL_FEATURES.length, k),
  };
}
