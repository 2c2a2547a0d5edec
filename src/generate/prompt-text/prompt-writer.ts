import type { SeededRandom } from '../seeded-random.js';
import { CATEGORY_IDS, type CategoryId } from '../study-shares.js';
import type { CategoryGrammar } from './category-grammar.js';
import { CATEGORY_GRAMMARS } from './category-grammars.js';
import { CompiledGrammar, type CompiledTemplate } from './compiled-grammar.js';
import { GENERIC_OPENERS, GENERIC_REPLIES, SHARED_SLOTS } from './shared-slots.js';

/** Prompt shapes (not from the study; chosen so every ingest path is exercised). */
export const STRING_PROMPT_SHARE = 0.35;
/** Share of prompts whose user message is an array of content parts with an image. */
export const PARTS_PROMPT_SHARE = 0.08;
/** Share of chat prompts that carry an earlier user/assistant exchange before the request. */
export const MULTI_TURN_SHARE = 0.3;
/** Share of follow-ups that open with a short remark ("ok thanks", "One more thing.") before the request. */
export const FOLLOW_UP_OPENER_SHARE = 0.4;

export type TextPart = { type: 'text'; text: string };
export type ImagePart = { type: 'image_url'; image_url: { url: string } };
export type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string | (TextPart | ImagePart)[] };
export type SyntheticPrompt = string | ChatMessage[];

export interface WrittenPrompt {
  prompt: SyntheticPrompt;
  /** Characters of text written (for a lower bound on prompt tokens). */
  chars: number;
}

interface CompiledCategory {
  grammar: CategoryGrammar;
  compiled: CompiledGrammar;
  prompts: CompiledTemplate[];
  systems: CompiledTemplate[];
  replies: CompiledTemplate[];
  openers: CompiledTemplate[];
}

const IMAGE_ASKS = [
  'What do you see in this image?',
  'Here is a screenshot, see the question above.',
  'Use the attached picture as context.',
] as const;

/**
 * Writes real-looking prompts for a category in one of three shapes: a plain string, a chat message
 * array (optionally with a system message and an earlier exchange), or a user message whose content
 * is an array of parts including an image. All grammars are compiled once, in the constructor.
 */
export class PromptWriter {
  private readonly categories: Map<CategoryId, CompiledCategory>;

  constructor(grammars: Readonly<Record<CategoryId, CategoryGrammar>> = CATEGORY_GRAMMARS) {
    this.categories = new Map(
      CATEGORY_IDS.map((id) => {
        const grammar = grammars[id];
        const compiled = new CompiledGrammar({ ...SHARED_SLOTS, ...grammar.slots }, id);
        return [
          id,
          {
            grammar,
            compiled,
            prompts: compiled.compileList(grammar.prompts, `${id}/prompts`),
            systems: compiled.compileList(grammar.systems, `${id}/systems`),
            replies: compiled.compileList(grammar.replies ?? GENERIC_REPLIES, `${id}/replies`),
            openers: compiled.compileList(GENERIC_OPENERS, `${id}/openers`),
          },
        ];
      }),
    );
  }

  write(random: SeededRandom, category: CategoryId): WrittenPrompt {
    const c = this.categories.get(category)!;
    const request = c.compiled.expand(random, c.prompts);
    const u = random.next();
    if (u < STRING_PROMPT_SHARE) return { prompt: request, chars: request.length };

    const messages: ChatMessage[] = [];
    let chars = 0;
    if (c.systems.length > 0 && random.chance(c.grammar.systemShare)) {
      const system = c.compiled.expand(random, c.systems);
      messages.push({ role: 'system', content: system });
      chars += system.length;
    }
    let finalRequest = request;
    if (random.chance(MULTI_TURN_SHARE)) {
      // An earlier request of the same category and its answer, then a follow-up.
      const earlier = c.compiled.expand(random, c.prompts);
      const reply = c.compiled.expand(random, c.replies);
      messages.push({ role: 'user', content: earlier }, { role: 'assistant', content: reply });
      chars += earlier.length + reply.length;
      if (random.chance(FOLLOW_UP_OPENER_SHARE)) finalRequest = `${c.compiled.expand(random, c.openers)} ${request}`;
    }
    if (u < STRING_PROMPT_SHARE + PARTS_PROMPT_SHARE) {
      const ask = random.pick(IMAGE_ASKS);
      messages.push({
        role: 'user',
        content: [
          { type: 'text', text: finalRequest },
          { type: 'image_url', image_url: { url: `https://cdn.example.com/uploads/${random.hex32()}${random.hex32()}.png` } },
          { type: 'text', text: ask },
        ],
      });
      chars += finalRequest.length + ask.length;
    } else {
      messages.push({ role: 'user', content: finalRequest });
      chars += finalRequest.length;
    }
    return { prompt: messages, chars };
  }
}
