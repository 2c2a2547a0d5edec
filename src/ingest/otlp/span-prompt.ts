import { parseJsonText } from '../json-text.js';
import {
  chatMessagesToPrompt,
  genAiMessagesToPrompt,
  systemInstructionsToMessage,
  type V1Message,
  type V1Prompt,
} from '../prompt-messages.js';
import { isRecord } from './any-value.js';
import { GENAI_ATTRIBUTE_ALIASES } from './genai-attribute-aliases.js';

/**
 * The v1 `prompt` of a model-call span, from the first input-message attribute present (see the alias table):
 * a JSON string or structured array of messages, a plain prompt string, or a flattened list
 * (`llm.input_messages.0.message.role`, `gen_ai.prompt.0.content`, …). System instructions are prepended.
 * A value that cannot be read as messages leaves the prompt out; it never fails the event.
 */
export function spanPrompt(attrs: ReadonlyMap<string, unknown>): V1Prompt | undefined {
  let prompt: V1Prompt | undefined;
  for (const key of GENAI_ATTRIBUTE_ALIASES.inputMessages) {
    prompt = attrs.has(key) ? messagesValue(attrs.get(key)) : flattenedMessages(attrs, key);
    if (prompt !== undefined) break;
  }
  let system: V1Message | undefined;
  for (const key of GENAI_ATTRIBUTE_ALIASES.systemInstructions) {
    const v = attrs.get(key);
    system = systemInstructionsToMessage(typeof v === 'string' ? jsonOrString(v) : v);
    if (system) break;
  }
  if (!system) return prompt;
  if (prompt === undefined) return [system];
  return typeof prompt === 'string' ? [system, { role: 'user', content: prompt }] : [system, ...prompt];
}

function messagesValue(v: unknown): V1Prompt | undefined {
  const value = typeof v === 'string' ? jsonOrString(v) : v;
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (Array.isArray(value)) return genAiMessagesToPrompt(value);
  if (isRecord(value) && Array.isArray(value.messages)) return genAiMessagesToPrompt(value.messages);
  return undefined;
}

function jsonOrString(s: string): unknown {
  const t = s.trimStart();
  if (!t.startsWith('[') && !t.startsWith('{') && !t.startsWith('"')) return s;
  const p = parseJsonText(s);
  return p.ok ? p.value : s;
}

/** Messages spread over indexed attributes under `prefix.` (OpenInference and OpenLLMetry style). */
function flattenedMessages(attrs: ReadonlyMap<string, unknown>, prefix: string): V1Prompt | undefined {
  const byIndex = new Map<number, { role?: unknown; content?: unknown; parts: Map<number, string> }>();
  const head = `${prefix}.`;
  for (const [key, value] of attrs) {
    if (!key.startsWith(head)) continue;
    const m = /^(\d+)\.(.+)$/.exec(key.slice(head.length));
    if (!m) continue;
    const index = Number(m[1]);
    const sub = m[2]!;
    const entry = byIndex.get(index) ?? { parts: new Map<number, string>() };
    byIndex.set(index, entry);
    if (sub === 'message.role' || sub === 'role') entry.role = value;
    else if (sub === 'message.content' || sub === 'content') entry.content = value;
    else {
      const part = /^message\.contents\.(\d+)\.message_content\.text$/.exec(sub);
      if (part && typeof value === 'string') entry.parts.set(Number(part[1]), value);
    }
  }
  if (byIndex.size === 0) return undefined;
  const messages = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, e]) => ({
      role: e.role,
      content:
        e.content ??
        [...e.parts.entries()].sort(([a], [b]) => a - b).map(([, text]) => ({ type: 'text', text })),
    }));
  return chatMessagesToPrompt(messages);
}
