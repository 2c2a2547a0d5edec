import { describe, expect, it } from 'vitest';
import { GOOGLE_CREDENTIAL_TYPES } from '../../../../src/classifiers/google/google-credentials-schema.js';
import { languageClientOptions } from '../../../../src/classifiers/google/language-client.js';
import { configSchema } from '../../../../src/config/config-schema.js';
import { formatIssues } from '../../../../src/config/load-config.js';

/** Credential JSON of every type google-auth-library's GoogleAuth.fromJSON loads (made-up values). */
const SERVICE_ACCOUNT = {
  type: 'service_account',
  project_id: 'census-project',
  private_key_id: 'abc123',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIfake\n-----END PRIVATE KEY-----\n',
  client_email: 'census@census-project.iam.gserviceaccount.com',
  client_id: '1234567890',
};
const AUTHORIZED_USER = {
  type: 'authorized_user',
  client_id: 'test.apps.googleusercontent.com',
  client_secret: 'test-secret',
  refresh_token: 'test-refresh',
  quota_project_id: 'census-quota',
};
const EXTERNAL_ACCOUNT = {
  type: 'external_account',
  audience: '//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pool/providers/provider',
  subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
  token_url: 'https://sts.googleapis.com/v1/token',
  credential_source: { file: '/var/run/secrets/token' },
};
const EXTERNAL_ACCOUNT_AUTHORIZED_USER = {
  type: 'external_account_authorized_user',
  audience: '//iam.googleapis.com/locations/global/workforcePools/pool/providers/provider',
  client_id: 'client',
  client_secret: 'secret',
  refresh_token: 'refresh',
  token_url: 'https://sts.googleapis.com/v1/oauthtoken',
};
const IMPERSONATED = {
  type: 'impersonated_service_account',
  service_account_impersonation_url:
    'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/census@census-project.iam.gserviceaccount.com:generateAccessToken',
  source_credentials: AUTHORIZED_USER,
};

function parse(credentials: unknown) {
  return configSchema.safeParse({ classifier: { kind: 'google', google: { credentials } } });
}

function problems(credentials: unknown): string {
  const r = parse(credentials);
  expect(r.success).toBe(false);
  return r.success ? '' : formatIssues(r.error.issues);
}

describe('classifier.google.credentials', () => {
  it('accepts every credential type google-auth-library loads', () => {
    for (const credentials of [SERVICE_ACCOUNT, AUTHORIZED_USER, EXTERNAL_ACCOUNT, EXTERNAL_ACCOUNT_AUTHORIZED_USER, IMPERSONATED]) {
      const r = parse(credentials);
      expect(r.success, JSON.stringify(r.error?.issues)).toBe(true);
      // Unknown fields pass through to the auth library unchanged.
      expect(r.data?.classifier.google.credentials).toEqual(credentials);
    }
    expect(Object.keys(GOOGLE_CREDENTIAL_TYPES).sort()).toEqual([
      'authorized_user',
      'external_account',
      'external_account_authorized_user',
      'impersonated_service_account',
      'service_account',
    ]);
  });

  it('reads a JSON without type as a service account, as the library does', () => {
    const { type: _type, ...untyped } = SERVICE_ACCOUNT;
    expect(parse(untyped).success).toBe(true);
    expect(problems({ client_email: 'x@y.iam.gserviceaccount.com' })).toContain(
      'classifier.google.credentials.private_key: a credential of type service_account needs private_key (a non-empty string)',
    );
  });

  it('rejects another type with the accepted ones named', () => {
    const text = problems({ type: 'gdch_service_account', private_key: 'k' });
    expect(text).toContain(
      'classifier.google.credentials.type: "gdch_service_account" is not a credential type google-auth-library accepts; ' +
        'use one of service_account, authorized_user, external_account, external_account_authorized_user, impersonated_service_account',
    );
  });

  it('names each missing field of a known type', () => {
    const text = problems({ type: 'authorized_user', client_id: 'c' });
    expect(text).toContain('classifier.google.credentials.client_secret: a credential of type authorized_user needs client_secret');
    expect(text).toContain('classifier.google.credentials.refresh_token: a credential of type authorized_user needs refresh_token');
    expect(problems({ ...EXTERNAL_ACCOUNT, credential_source: 'file' })).toContain(
      'classifier.google.credentials.credential_source: a credential of type external_account needs credential_source (an object)',
    );
    expect(problems({ type: 'impersonated_service_account', service_account_impersonation_url: 'https://x' })).toContain(
      'credentials.source_credentials',
    );
  });

  it('passes the credential to the client, with its project so no project lookup is needed', () => {
    const google = (credentials: unknown) => configSchema.parse({ classifier: { kind: 'google', google: { credentials } } }).classifier.google;
    const sa = languageClientOptions(google(SERVICE_ACCOUNT));
    expect(sa.credentials).toEqual(SERVICE_ACCOUNT);
    expect(sa.projectId).toBe('census-project');
    expect(languageClientOptions(google(AUTHORIZED_USER)).projectId).toBe('census-quota');
    expect(languageClientOptions(google(EXTERNAL_ACCOUNT)).projectId).toBeUndefined();
    expect(sa.fallback).toBe('rest');
  });
});
