// Step 1 of connecting: the cloud, this tool's client id there, the sync app's client id, and the
// options that decide which permissions sign-in asks for.

import { useState } from 'preact/hooks';
import { CLOUD_LABELS, LOGIN_HOSTS } from '../auth/clouds.ts';
import type { Cloud } from '../core/snapshot-schema.ts';
import type { ConnectOption, ConnectState } from '../state/connect-state.ts';
import { ToolClientIdField } from './ToolClientIdField.tsx';

const CLOUD_HINTS: Record<Cloud, string> = {
  global: 'Commercial tenants, and GCC Moderate too: it signs in on the same hosts.',
  usgov: 'GCC High and DoD L4 tenants, on Microsoft’s .us hosts.',
};

const OPTIONS: ReadonlyArray<{ option: ConnectOption; label: string; hint: string }> = [
  {
    option: 'contacts',
    label: 'The sync includes organizational contacts',
    hint: 'Reads contacts too (asks for OrgContact.Read.All).',
  },
  {
    option: 'usernameFallback',
    label: 'Use the username when a person has no email address',
    hint: 'As the sync’s “username fallback” setting; it can be changed in the report later.',
  },
  {
    option: 'permissionGrants',
    label: 'Also read the consent grants (needs Directory.Read.All)',
    hint: 'Shows delegated consent given to the sync app; without it that evidence is marked skipped.',
  },
];

export function ConnectSetup({ connect, redirectUri }: { connect: ConnectState; redirectUri: string }) {
  const syncError = connect.syncClientIdError.value;
  // Errors show once typed, or for every field after a refused submit (empty ones too).
  const [submitted, setSubmitted] = useState(false);
  const shown = submitted || connect.syncClientId.value.trim() !== '';
  const missingToolId = submitted && connect.clientIds.value[connect.cloud.value].clientId === null;
  return (
    <form
      class="form connect-setup"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        void connect.continueToSignIn().then((ok) => {
          if (ok) return;
          // Focus the first field to fix, where its message is.
          const first = ['tool-client-id', 'sync-client-id']
            .map((id) => document.getElementById(id))
            .find((field) => field?.getAttribute('aria-invalid') === 'true');
          first?.focus();
        });
      }}
    >
      <fieldset class="field">
        <legend>Cloud the sync uses</legend>
        {(['global', 'usgov'] as const).map((cloud) => (
          <label class="connect-choice" key={cloud}>
            <input
              type="radio"
              name="cloud"
              value={cloud}
              checked={connect.cloud.value === cloud}
              onChange={() => connect.chooseCloud(cloud)}
            />
            <span>
              {CLOUD_LABELS[cloud]}
              <span class="hint">
                {CLOUD_HINTS[cloud]} Signs in on {LOGIN_HOSTS[cloud]}.
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <ToolClientIdField connect={connect} redirectUri={redirectUri} missing={missingToolId} />
      <fieldset class="field connect-sync-id">
        <legend>The directory sync’s app registration (the one this tool checks)</legend>
        <label for="sync-client-id">Sync app’s Application (client) ID</label>
        <p class="hint" id="sync-client-id-hint">
          Microsoft Entra admin center → App registrations → the app created for the directory sync → Overview
          → “Application (client) ID”. Not this tool’s own registration above.
        </p>
        <input
          id="sync-client-id"
          type="text"
          value={connect.syncClientId.value}
          placeholder="00000000-0000-0000-0000-000000000000"
          spellcheck={false}
          aria-invalid={shown && syncError !== null ? true : undefined}
          aria-describedby={`sync-client-id-hint${shown && syncError ? ' sync-client-id-error' : ''}`}
          onInput={(event) => connect.setSyncClientId((event.currentTarget as HTMLInputElement).value)}
        />
        {shown && syncError !== null && (
          <p class="field-error" id="sync-client-id-error">
            <span aria-hidden="true">✖ </span>
            {syncError}
          </p>
        )}
      </fieldset>
      <fieldset class="field">
        <legend>Options</legend>
        {OPTIONS.map(({ option, label, hint }) => (
          <label class="connect-choice" key={option}>
            <input
              type="checkbox"
              checked={connect.options.value[option]}
              onChange={(event) =>
                connect.setOption(option, (event.currentTarget as HTMLInputElement).checked)
              }
            />
            <span>
              {label}
              <span class="hint">{hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p>
        <button type="submit" class="button-primary">
          Continue to sign-in
        </button>
      </p>
    </form>
  );
}
