/**
 * The OTLP alias table: which span attributes feed which v1 field, in order of preference (the first attribute
 * present wins). Pure data; documented in docs/ingest-formats.md, whose table a unit test keeps in step with this one.
 *
 * Sources: OpenTelemetry GenAI semantic conventions (current and deprecated names), OpenInference (Arize Phoenix),
 * OpenLLMetry (Traceloop) and the attributes OpenRouter Broadcast sends.
 */
export const GENAI_ATTRIBUTE_ALIASES = {
  /** Kind of operation; decides whether the span is a generation (see GENERATION_OPERATIONS). */
  operation: ['gen_ai.operation.name'],
  /** OpenInference span kind; used when gen_ai.operation.name is absent. */
  openInferenceKind: ['openinference.span.kind'],
  /** v1 `id`; the trace and span ids ("<traceId>-<spanId>") are used when no response id is present. */
  responseId: ['gen_ai.response.id'],
  /** v1 `model`: the model that answered, else the one requested. */
  model: ['gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name'],
  /** v1 `provider`. gen_ai.system is the deprecated name of gen_ai.provider.name. */
  provider: ['gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system'],
  /** v1 `usage.promptTokens`. gen_ai.usage.prompt_tokens is deprecated. */
  promptTokens: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens', 'llm.token_count.prompt'],
  /** v1 `usage.completionTokens`. gen_ai.usage.completion_tokens is deprecated. */
  completionTokens: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens', 'llm.token_count.completion'],
  /** v1 `usage.cachedTokens` (tokens read from the provider's prompt cache). */
  cachedTokens: [
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_read_input_tokens',
    'llm.token_count.prompt_details.cache_read',
  ],
  /** v1 `usage.reasoningTokens`. */
  reasoningTokens: ['gen_ai.usage.reasoning.output_tokens', 'llm.token_count.completion_details.reasoning'],
  /** v1 `costUsd`, in USD. gen_ai.usage.total_cost is what OpenRouter Broadcast sends; gen_ai.usage.cost is used by other gateways. */
  costUsd: ['gen_ai.usage.cost', 'gen_ai.usage.total_cost', 'llm.cost.total'],
  /** v1 `finishReason` (first element of an array). A span whose status is ERROR is 'error' whatever these say. */
  finishReasons: ['gen_ai.response.finish_reasons', 'gen_ai.response.finish_reason'],
  /** v1 `userId`, looked up on the span, then on the resource. gen_ai.conversation.id and session.id are NOT users. */
  userId: ['user.id', 'enduser.id'],
  /** v1 `toolsProvided` is true when any of these is present (llm.tools is OpenInference's flattened list). */
  toolDefinitions: ['gen_ai.tool.definitions', 'llm.tools'],
  /** v1 `prompt`, from the first present: structured GenAI messages, a JSON (or plain) prompt, or flattened lists. */
  inputMessages: ['gen_ai.input.messages', 'gen_ai.prompt', 'llm.input_messages'],
  /** Prepended to v1 `prompt` as a system message (opt-in in the GenAI conventions). */
  systemInstructions: ['gen_ai.system_instructions'],
} as const;

export type GenAiField = keyof typeof GENAI_ATTRIBUTE_ALIASES;

/** gen_ai.operation.name values that are generations (mapped to events). */
export const GENERATION_OPERATIONS: readonly string[] = ['chat', 'text_completion', 'generate_content'];
/** gen_ai.operation.name values that are model calls but not generations (ignored as not_a_generation). */
export const NON_GENERATION_MODEL_OPERATIONS: readonly string[] = ['embeddings'];
/** openinference.span.kind values that are generations. */
export const GENERATION_OPENINFERENCE_KINDS: readonly string[] = ['LLM'];
/** openinference.span.kind values that are model calls but not generations. */
export const NON_GENERATION_OPENINFERENCE_KINDS: readonly string[] = ['EMBEDDING', 'RERANKER'];

/** Reasons counted in DecodeResult.ignored. */
export const IGNORED_NOT_A_MODEL_CALL = 'not_a_model_call';
export const IGNORED_NOT_A_GENERATION = 'not_a_generation';
