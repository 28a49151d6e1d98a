import { describe, expect, it } from 'vitest';
import { buildMsalConfiguration, makeLoggerCallback } from '../../../src/auth/msal-config.ts';

const CONFIG = {
  cloud: 'usgov',
  clientId: '4d4d4d4d-0000-4000-8000-00000000000b',
  redirectUri: 'https://preflight.example/redirect.html',
} as const;

describe('buildMsalConfiguration', () => {
  it('signs in on the cloud’s organizations authority and keeps tokens in sessionStorage', () => {
    const config = buildMsalConfiguration(CONFIG);
    expect(config.auth).toEqual({
      clientId: CONFIG.clientId,
      authority: 'https://login.microsoftonline.us/organizations',
      redirectUri: CONFIG.redirectUri,
    });
    expect(config.cache?.cacheLocation).toBe('sessionStorage');
    expect(config.system?.loggerOptions?.piiLoggingEnabled).toBe(false);
    expect(config.system?.loggerOptions?.logLevel).toBe(1);
  });

  it('passes the navigation hooks through only when given', () => {
    expect(buildMsalConfiguration(CONFIG).system).not.toHaveProperty('navigationClient');
    const navigation = { navigateInternal: async () => true, navigateExternal: async () => true };
    expect(buildMsalConfiguration(CONFIG, { navigation }).system?.navigationClient).toBe(navigation);
  });

  it('sets the least severe level logged', () => {
    expect(buildMsalConfiguration(CONFIG, { logLevel: 'verbose' }).system?.loggerOptions?.logLevel).toBe(3);
  });
});

describe('makeLoggerCallback', () => {
  it('drops every line MSAL flags as personal data and names the levels', () => {
    const lines: string[] = [];
    const callback = makeLoggerCallback((level, message) => lines.push(`${level} ${message}`));
    callback(0, 'token request failed', false);
    callback(1, 'user avery.admin@contoso.example', true);
    callback(2, 'cache hit', false);
    callback(4, 'account 0a0a0a0a…', true);
    expect(lines).toEqual(['error token request failed', 'info cache hit']);
  });
});
