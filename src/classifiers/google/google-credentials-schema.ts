import { z } from 'zod';

/**
 * The credential JSON types google-auth-library (GoogleAuth.fromJSON) loads, and the fields each needs.
 * A JSON without `type` is read as a service account, as the library does.
 */
export const GOOGLE_CREDENTIAL_TYPES = {
  service_account: { strings: ['client_email', 'private_key'], objects: [] },
  authorized_user: { strings: ['client_id', 'client_secret', 'refresh_token'], objects: [] },
  external_account: { strings: ['audience', 'subject_token_type'], objects: ['credential_source'] },
  external_account_authorized_user: { strings: ['audience', 'client_id', 'client_secret', 'refresh_token', 'token_url'], objects: [] },
  impersonated_service_account: { strings: ['service_account_impersonation_url'], objects: ['source_credentials'] },
} as const satisfies Record<string, { strings: readonly string[]; objects: readonly string[] }>;

export type GoogleCredentialType = keyof typeof GOOGLE_CREDENTIAL_TYPES;

const TYPE_NAMES = Object.keys(GOOGLE_CREDENTIAL_TYPES).join(', ');

function isCredentialType(type: string): type is GoogleCredentialType {
  return Object.prototype.hasOwnProperty.call(GOOGLE_CREDENTIAL_TYPES, type);
}

/**
 * `classifier.google.credentials`: the parsed content of a Google credential JSON file. Other fields (project_id,
 * quota_project_id, universe_domain, token_url, …) pass through to the auth library unchanged. The library itself
 * still validates the details (e.g. an impersonation URL it can read a principal from) when the client starts.
 */
export const googleCredentialsSchema = z
  .looseObject({ type: z.string().optional() })
  .superRefine((credentials, ctx) => {
    const type = credentials.type ?? 'service_account';
    if (!isCredentialType(type)) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message: `"${type}" is not a credential type google-auth-library accepts; use one of ${TYPE_NAMES} (or give keyFilename / apiKey instead)`,
      });
      return;
    }
    const needs = GOOGLE_CREDENTIAL_TYPES[type];
    const record = credentials as Record<string, unknown>;
    for (const field of needs.strings) {
      const value = record[field];
      if (typeof value !== 'string' || value === '') {
        ctx.addIssue({ code: 'custom', path: [field], message: `a credential of type ${type} needs ${field} (a non-empty string)` });
      }
    }
    for (const field of needs.objects) {
      const value = record[field];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `a credential of type ${type} needs ${field} (an object)` });
      }
    }
  });

export type GoogleCredentials = z.infer<typeof googleCredentialsSchema>;
