// The one error type src/auth throws. MSAL's errors are copied into it (code, sub-error, message)
// so callers never need MSAL's classes; the original stays in `cause` for the console.

export class SignInError extends Error {
  readonly errorCode: string;
  readonly subError: string;
  readonly errorMessage: string;

  constructor(errorCode: string, errorMessage: string, subError = '', options?: { cause?: unknown }) {
    super(errorMessage === '' ? errorCode : `${errorCode}: ${errorMessage}`, options);
    this.name = 'SignInError';
    this.errorCode = errorCode;
    this.subError = subError;
    this.errorMessage = errorMessage;
  }
}

function stringField(value: unknown, key: string): string {
  if (typeof value !== 'object' || value === null) return '';
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : '';
}

/** Any thrown value as a SignInError: MSAL's AuthError fields when present, else the message. */
export function toSignInError(error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  const errorCode = stringField(error, 'errorCode') || stringField(error, 'code') || 'unknown_error';
  const errorMessage =
    stringField(error, 'errorMessage') ||
    stringField(error, 'message') ||
    (typeof error === 'string' ? error : '');
  return new SignInError(errorCode, errorMessage, stringField(error, 'subError'), { cause: error });
}
