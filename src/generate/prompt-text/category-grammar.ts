import type { CategoryId } from '../study-shares.js';

/**
 * Everything needed to write real-looking prompts of one category. Templates reference slots as
 * `§{name}`; a slot is a list of alternatives, which may reference further slots. `§` never occurs in
 * real prompts, so code braces and roleplay macros like `{{char}}` stay literal.
 */
export interface CategoryGrammar {
  category: CategoryId;
  /** The user's request (the final user message, or the whole string prompt). */
  prompts: readonly string[];
  /** System messages for the chat shape; may be empty. */
  systems: readonly string[];
  /** Share of chat-shaped prompts that open with a system message. */
  systemShare: number;
  /** Earlier assistant turns for multi-turn chats; the shared generic replies are used when absent. */
  replies?: readonly string[];
  slots: Readonly<Record<string, readonly string[]>>;
}
