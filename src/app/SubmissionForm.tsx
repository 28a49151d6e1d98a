// What goes to Axios HQ (guide sections 9–10): the organization names, the setup owner, and the
// client secret's value. The secret is read from its password field at the moment of the click,
// handed to one action, and the field is cleared once the file is saved (or the value was refused):
// it never enters component or app state.
import { useRef } from 'preact/hooks';
import type { ExportState } from '../state/export-state.ts';
import { DownloadResult } from './DownloadResult.tsx';

export function SubmissionForm({ exports, idPrefix }: { exports: ExportState; idPrefix: string }) {
  const secret = useRef<HTMLInputElement>(null);
  const draft = exports.draft.value;
  const status = exports.status.value.submission;
  const errors = status?.state === 'invalid' ? status.errors : [];
  const errorOf = (field: string) => {
    const message = errors.find((error) => error.path === field)?.message;
    return message && message.charAt(0).toUpperCase() + message.slice(1);
  };
  const id = (field: string) => `${idPrefix}-${field}`;
  const described = (field: string) => (errorOf(field) ? id(`${field}-error`) : undefined);

  const submit = async (event: Event) => {
    event.preventDefault();
    const input = secret.current;
    const saved = await exports.downloadSubmission(input?.value ?? '');
    const refused = exports.status.value.submission;
    if (
      input &&
      (saved || (refused?.state === 'invalid' && refused.errors.some((e) => e.path === 'secretValue')))
    )
      input.value = '';
  };

  const fieldError = (field: string) =>
    errorOf(field) && (
      <p class="field-error" id={id(`${field}-error`)}>
        <span aria-hidden="true">✖ </span>
        {errorOf(field)}
      </p>
    );

  return (
    <form class="form" onSubmit={submit} noValidate>
      <div class="field">
        <label for={id('organizationNames')}>Axios HQ organization names</label>
        <p class="hint" id={id('organizationNames-hint')}>
          One per line, if this directory should be available in several organizations.
        </p>
        <textarea
          id={id('organizationNames')}
          rows={2}
          value={draft.organizationNames}
          aria-invalid={errorOf('organizationNames') ? true : undefined}
          aria-describedby={[id('organizationNames-hint'), described('organizationNames')]
            .filter(Boolean)
            .join(' ')}
          onInput={(event) =>
            exports.editDraft({ organizationNames: (event.currentTarget as HTMLTextAreaElement).value })
          }
        />
        {fieldError('organizationNames')}
      </div>
      <div class="field-pair">
        <div class="field">
          <label for={id('ownerName')}>Setup owner name</label>
          <input
            id={id('ownerName')}
            type="text"
            autoComplete="name"
            value={draft.ownerName}
            aria-invalid={errorOf('ownerName') ? true : undefined}
            aria-describedby={described('ownerName')}
            onInput={(event) =>
              exports.editDraft({ ownerName: (event.currentTarget as HTMLInputElement).value })
            }
          />
          {fieldError('ownerName')}
        </div>
        <div class="field">
          <label for={id('ownerEmail')}>Setup owner email</label>
          <input
            id={id('ownerEmail')}
            type="email"
            autoComplete="email"
            value={draft.ownerEmail}
            aria-invalid={errorOf('ownerEmail') ? true : undefined}
            aria-describedby={described('ownerEmail')}
            onInput={(event) =>
              exports.editDraft({ ownerEmail: (event.currentTarget as HTMLInputElement).value })
            }
          />
          {fieldError('ownerEmail')}
        </div>
      </div>
      <div class="field">
        <label for={id('secretValue')}>Client secret value (optional)</label>
        <p class="hint" id={id('secretValue-hint')}>
          The Value you copied when you created the secret, not its Secret ID. It goes into the file only and
          is not kept anywhere: the field empties once the file is saved. Leave it empty to paste it into the
          file yourself.
        </p>
        <input
          id={id('secretValue')}
          ref={secret}
          type="password"
          autoComplete="off"
          spellcheck={false}
          aria-invalid={errorOf('secretValue') ? true : undefined}
          aria-describedby={[id('secretValue-hint'), described('secretValue')].filter(Boolean).join(' ')}
        />
        {fieldError('secretValue')}
      </div>
      <button type="submit" class="button-primary" disabled={status?.state === 'working'}>
        Download the submission document
      </button>
      {errors.length > 0 && (
        <p class="field-error" role="alert">
          The document was not written: correct the {errors.length === 1 ? 'field' : 'fields'} marked above.
        </p>
      )}
      <DownloadResult status={status} onSave={exports.save} />
    </form>
  );
}
