import { z } from 'zod';

const count = z.number({ error: 'must be a number' }).int('must be an integer').min(0, 'must not be negative');
const optionalString = z.string({ error: 'must be a string' }).nullish();

/**
 * The fields of LiteLLM's StandardLoggingPayload (litellm/types/utils.py) that prompt-census reads. Unknown fields
 * are ignored; error_str, error_information and response text are never read into the event.
 */
export const standardLoggingPayloadSchema = z.looseObject({
  id: z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') }).min(1, 'must not be empty'),
  /** Epoch seconds (float). */
  startTime: z.number({ error: (i) => (i.input === undefined ? 'is required' : 'must be epoch seconds (a number)') }),
  endTime: z.number({ error: 'must be epoch seconds (a number)' }).nullish(),
  model: optionalString,
  model_group: optionalString,
  custom_llm_provider: optionalString,
  prompt_tokens: count.nullish(),
  completion_tokens: count.nullish(),
  response_cost: z.number({ error: 'must be a number' }).min(0, 'must not be negative').nullish(),
  status: z.enum(['success', 'failure'], { error: 'must be "success" or "failure"' }).nullish(),
  stream: z.boolean({ error: 'must be a boolean' }).nullish(),
  end_user: optionalString,
  metadata: z.looseObject({ user_api_key_user_id: optionalString }).nullish(),
  model_parameters: z.looseObject({ tools: z.unknown().optional() }).nullish(),
  messages: z.unknown().optional(),
  response: z.unknown().optional(),
});

export type StandardLoggingPayload = z.infer<typeof standardLoggingPayloadSchema>;
