/**
 * Shapes a gateway's request messages into the v1 `prompt` field. Only roles and text survive: images, audio, tool
 * call arguments and any other part are reduced to their `type` (or dropped), so nothing but prompt text travels, and
 * only in `prompt`, which the edge stage drops unless the event is sampled.
 */
export interface V1TextPart {
  type: string;
  text?: string;
}
export interface V1Message {
  role?: string;
  content: string | V1TextPart[] | null;
}
export type V1Prompt = string | V1Message[];

/** OpenAI-style chat messages ({role, content: string | parts | null}) or a plain string; anything else → undefined. */
export function chatMessagesToPrompt(value: unknown): V1Prompt | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return undefined;
  const messages: V1Message[] = [];
  for (const m of value) {
    if (!isRecord(m)) continue;
    const content = chatContent(m.content);
    if (content === undefined) continue;
    messages.push(withRole(m.role, content));
  }
  return messages.length ? messages : undefined;
}

/**
 * OpenTelemetry GenAI messages ({role, parts: [{type: 'text', content}]}), as found in gen_ai.input.messages, or
 * chat-style messages when a producer used those instead. Only text parts are kept; a message without text is dropped.
 */
export function genAiMessagesToPrompt(value: unknown): V1Message[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const messages: V1Message[] = [];
  for (const m of value) {
    if (!isRecord(m)) continue;
    if (Array.isArray(m.parts)) {
      const parts = genAiTextParts(m.parts);
      if (parts.length) messages.push(withRole(m.role, parts));
      continue;
    }
    const content = chatContent(m.content);
    if (content !== undefined && content !== null) messages.push(withRole(m.role, content));
  }
  return messages.length ? messages : undefined;
}

/** gen_ai.system_instructions: an array of GenAI parts (or a plain string) → one system message. */
export function systemInstructionsToMessage(value: unknown): V1Message | undefined {
  if (typeof value === 'string') return value === '' ? undefined : { role: 'system', content: value };
  if (!Array.isArray(value)) return undefined;
  const parts = genAiTextParts(value);
  return parts.length ? { role: 'system', content: parts } : undefined;
}

function genAiTextParts(parts: unknown[]): V1TextPart[] {
  const out: V1TextPart[] = [];
  for (const p of parts) {
    if (!isRecord(p) || p.type !== 'text') continue;
    const text = typeof p.content === 'string' ? p.content : typeof p.text === 'string' ? p.text : undefined;
    if (text !== undefined) out.push({ type: 'text', text });
  }
  return out;
}

function chatContent(content: unknown): string | V1TextPart[] | null | undefined {
  if (typeof content === 'string' || content === null) return content;
  if (!Array.isArray(content)) return undefined;
  const parts: V1TextPart[] = [];
  for (const p of content) {
    if (typeof p === 'string') {
      parts.push({ type: 'text', text: p });
    } else if (isRecord(p) && typeof p.type === 'string') {
      // Text parts keep their text; every other part (image, audio, file, tool result) keeps only its type.
      parts.push(typeof p.text === 'string' ? { type: p.type, text: p.text } : { type: p.type });
    }
  }
  return parts;
}

function withRole(role: unknown, content: string | V1TextPart[] | null): V1Message {
  return typeof role === 'string' ? { role, content } : { content };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
