import type { SeededRandom } from '../seeded-random.js';

const SLOT = /§\{([A-Za-z0-9_]+)\}/g;
/** Deepest slot nesting followed; grammars are written shallower than this. */
const MAX_DEPTH = 8;

/** A template split once into literal text and slot references (an index into the slot table). */
type Piece = string | number;
type Template = readonly Piece[];

/**
 * Templates and slots compiled once, so expanding a prompt per event is a walk over arrays rather than
 * regex work. Unknown slot names fail at compile time, not on the millionth event.
 */
export class CompiledGrammar {
  private readonly slotTemplates: Template[][] = [];
  private readonly slotIndex = new Map<string, number>();

  constructor(slots: Readonly<Record<string, readonly string[]>>, label: string) {
    const names = Object.keys(slots);
    names.forEach((name, i) => this.slotIndex.set(name, i));
    for (const name of names) {
      const values = slots[name]!;
      if (values.length === 0) throw new Error(`Prompt grammar "${label}": slot "${name}" has no alternatives; give it at least one.`);
      this.slotTemplates.push(values.map((v) => this.compile(v, `${label}/${name}`)));
    }
  }

  /** Compile a top-level template list (prompts, systems, replies) against this grammar's slots. */
  compileList(templates: readonly string[], label: string): Template[] {
    return templates.map((t) => this.compile(t, label));
  }

  expand(random: SeededRandom, templates: readonly Template[]): string {
    return this.expandTemplate(random, templates[random.int(templates.length)]!, 0);
  }

  private expandTemplate(random: SeededRandom, template: Template, depth: number): string {
    let out = '';
    for (const piece of template) {
      if (typeof piece === 'string') {
        out += piece;
      } else {
        if (depth >= MAX_DEPTH) throw new Error('A prompt grammar nests slots deeper than 8 levels; it probably refers to itself.');
        const alternatives = this.slotTemplates[piece]!;
        out += this.expandTemplate(random, alternatives[random.int(alternatives.length)]!, depth + 1);
      }
    }
    return out;
  }

  private compile(text: string, label: string): Template {
    const pieces: Piece[] = [];
    let last = 0;
    for (const m of text.matchAll(SLOT)) {
      if (m.index > last) pieces.push(text.slice(last, m.index));
      const slot = this.slotIndex.get(m[1]!);
      if (slot === undefined) throw new Error(`Prompt grammar "${label}" refers to the unknown slot "${m[1]}"; define it or fix the name.`);
      pieces.push(slot);
      last = m.index + m[0].length;
    }
    if (last < text.length) pieces.push(text.slice(last));
    return pieces;
  }
}

export type { Template as CompiledTemplate };
