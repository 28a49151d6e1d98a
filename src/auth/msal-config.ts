// MSAL's configuration for one cloud and client id. Type-only imports of MSAL, so this file costs
// nothing in the start page's bundle. Tokens live in sessionStorage: they die with the tab and
// are never written to localStorage. The logger drops any line MSAL flags as personal data.
import type { Configuration, LogLevel } from '@azure/msal-browser';
import { authorityFor } from './clouds.ts';
import type { AuthConfig, AuthDeps, AuthLogLevel } from './types.ts';

/** MSAL's LogLevel enum values (Error = 0 … Trace = 4), kept here so no MSAL value is imported. */
const LEVELS: readonly AuthLogLevel[] = ['error', 'warning', 'info', 'verbose', 'trace'];

export function levelName(level: number): AuthLogLevel {
  return LEVELS[level] ?? 'trace';
}

/** MSAL's logger callback: personal data is dropped even if MSAL were set to pass it. */
export function makeLoggerCallback(
  sink: (level: AuthLogLevel, message: string) => void,
): (level: LogLevel, message: string, containsPii: boolean) => void {
  return (level, message, containsPii) => {
    if (containsPii) return;
    sink(levelName(level), message);
  };
}

function defaultSink(level: AuthLogLevel, message: string): void {
  // console.warn, not console.error: failures reach the admin through explainAuthError.
  if (level === 'error' || level === 'warning') console.warn(`[msal] ${message}`);
}

export function buildMsalConfiguration(config: AuthConfig, deps: AuthDeps = {}): Configuration {
  const logLevel = Math.max(0, LEVELS.indexOf(deps.logLevel ?? 'warning')) as LogLevel;
  return {
    auth: {
      clientId: config.clientId,
      authority: authorityFor(config.cloud),
      redirectUri: config.redirectUri,
    },
    cache: { cacheLocation: 'sessionStorage' },
    system: {
      loggerOptions: {
        loggerCallback: makeLoggerCallback(deps.log ?? defaultSink),
        piiLoggingEnabled: false,
        logLevel,
      },
      ...(deps.navigation === undefined ? {} : { navigationClient: deps.navigation }),
    },
  };
}
