/**
 * Provider finish reasons → the v1 set. Keys are lower-case; lookup is case-insensitive. A reason not listed here is
 * passed on unchanged and parseEvent turns it into 'other'. Sources: OpenAI (stop, length, tool_calls,
 * function_call, content_filter), Anthropic (end_turn, stop_sequence, max_tokens, tool_use, refusal), Google Gemini
 * (STOP, MAX_TOKENS, SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII), Cohere (COMPLETE, MAX_TOKENS, ERROR).
 */
export const FINISH_REASON_ALIASES: Readonly<Record<string, 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error'>> = {
  stop: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  complete: 'stop',
  eos: 'stop',
  length: 'length',
  max_tokens: 'length',
  model_length: 'length',
  tool_calls: 'tool_calls',
  tool_call: 'tool_calls',
  tool_use: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
  safety: 'content_filter',
  recitation: 'content_filter',
  blocklist: 'content_filter',
  prohibited_content: 'content_filter',
  spii: 'content_filter',
  refusal: 'content_filter',
  error: 'error',
};

/** Map a provider finish reason to the v1 set; unknown reasons are returned as they are (parseEvent makes them 'other'). */
export function normalizeFinishReason(reason: string): string {
  return FINISH_REASON_ALIASES[reason.trim().toLowerCase()] ?? reason;
}
