import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { isLocalCategory, type LocalCategory } from './categories.js';

/**
 * Labeled example sets are written by the project as YAML: per category, templates with ⟨slot⟩ placeholders and
 * the slot fillers, and/or `examples:` (whole texts used exactly as written, e.g. the held-out test set). Expansion is
 * deterministic (a seeded generator per template), so the same files always give the same examples in the same
 * order. A file with only `slots:` (e.g. _slots.yaml) defines slots shared by all.
 */

const SLOT_RE = /⟨([a-z0-9_]+)⟩/g;
const MAX_SLOT_DEPTH = 4;

const sourceFileSchema = z.strictObject({
  category: z.string().optional(),
  /** How many variants to draw from each template that has slots. */
  perTemplate: z.number().int().min(1).max(100).optional(),
  slots: z.record(z.string(), z.array(z.string()).min(1)).optional(),
  templates: z.array(z.string().min(1)).optional(),
  /** Whole texts, used exactly as written (no slots, no trimming; an empty or blank text is allowed). */
  examples: z.array(z.string()).optional(),
});

export interface LabeledExample {
  readonly text: string;
  readonly category: LocalCategory;
  /** `<file>#<template index>` (or `<file>#e<index>` for a whole text): examples from one template share a group. */
  readonly group: string;
}

export interface LabeledDataset {
  readonly examples: LabeledExample[];
  /** SHA-256 over the source files' names and bytes, in name order. */
  readonly sha256: string;
  readonly files: string[];
}

/** FNV-1a 32-bit: a stable seed from a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: small deterministic PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fill(template: string, slots: Record<string, string[]>, rand: () => number, where: string, depth = 0): string {
  if (depth > MAX_SLOT_DEPTH) throw new Error(`${where}: slots nest deeper than ${MAX_SLOT_DEPTH} levels (a slot refers to itself?)`);
  return template.replace(SLOT_RE, (_, name: string) => {
    const values = slots[name];
    if (!values) throw new Error(`${where}: the template uses slot ⟨${name}⟩, which no file defines`);
    const value = values[Math.floor(rand() * values.length)]!;
    return fill(value, slots, rand, where, depth + 1);
  });
}

/** Expands every *.yaml file in a folder into labeled examples. */
export async function loadLabeledDataset(dir: string, defaultPerTemplate = 6): Promise<LabeledDataset> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  if (files.length === 0) throw new Error(`No *.yaml example files were found in ${dir}.`);
  const hash = createHash('sha256');
  const parsed: { file: string; data: z.infer<typeof sourceFileSchema> }[] = [];
  const slots: Record<string, string[]> = {};
  for (const file of files) {
    const raw = await readFile(join(dir, file), 'utf8');
    hash.update(file).update('\0').update(raw).update('\0');
    const result = sourceFileSchema.safeParse(parse(raw));
    if (!result.success) throw new Error(`${join(dir, file)} is not a valid example file: ${result.error.message}`);
    for (const [name, values] of Object.entries(result.data.slots ?? {})) {
      if (slots[name]) throw new Error(`${join(dir, file)} defines slot ⟨${name}⟩ again; slot names must be unique in a folder.`);
      slots[name] = values;
    }
    parsed.push({ file, data: result.data });
  }

  const examples: LabeledExample[] = [];
  for (const { file, data } of parsed) {
    if (!data.templates && !data.examples) continue;
    const category = data.category;
    if (!category || !isLocalCategory(category)) {
      throw new Error(`${join(dir, file)} has examples but its category "${category ?? ''}" is not a study category.`);
    }
    data.examples?.forEach((text, index) => examples.push({ text, category, group: `${file}#e${index}` }));
    const perTemplate = data.perTemplate ?? defaultPerTemplate;
    data.templates?.forEach((template, index) => {
      const group = `${file}#${index}`;
      const where = `${join(dir, file)} template ${index}`;
      const seen = new Set<string>();
      if (!template.includes('⟨')) {
        examples.push({ text: template.trim(), category, group });
        return;
      }
      const rand = seededRandom(hashString(group));
      for (let attempt = 0; attempt < perTemplate * 4 && seen.size < perTemplate; attempt++) {
        const text = fill(template, slots, rand, where).trim();
        if (seen.has(text)) continue;
        seen.add(text);
        examples.push({ text, category, group });
      }
    });
  }
  return { examples, sha256: hash.digest('hex'), files };
}

/**
 * The bundled example folders: `training` (the only one training reads), `evaluation` (the development set: older,
 * templated, and looked at while tuning) and `test` (the held-out test set: whole texts, frozen before tuning, never
 * tuned on; the targets are judged on it).
 */
export function bundledDatasetDir(which: 'training' | 'evaluation' | 'test'): string {
  return fileURLToPath(new URL(`../../../taxonomy/local-classifier/${which}/`, import.meta.url));
}
