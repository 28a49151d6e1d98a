// Step 3: search the tenant's groups and pick up to 15, each shown with its kind and whether
// Graph can read its members for the sync. Picking a hidden-membership group asks for
// Member.Read.Hidden right away (a pop-up, from this click).
import { EXCHANGE_DYNAMIC_DISTRIBUTION_NOTE, GROUP_LIMIT } from '../core/audit/classify-groups.ts';
import type { ConnectState, PickerItem } from '../state/connect-state.ts';
import { formatCount } from './format.ts';
import { SnapshotText } from './SnapshotText.tsx';

function syncNote(item: PickerItem): string {
  const { traits } = item;
  const notes: string[] = [];
  if (traits.hiddenMembership) notes.push('hidden membership: the sync app needs Member.Read.Hidden');
  if (traits.dynamic) notes.push('dynamic: needs Entra ID P1');
  if (traits.dynamicPaused) notes.push('rule processing is paused');
  return notes.length === 0 ? 'Graph can sync it' : `Graph can sync it if: ${notes.join('; ')}`;
}

function GroupRow({
  item,
  picked,
  disabled,
  onPick,
}: {
  item: PickerItem;
  picked: boolean;
  disabled: boolean;
  onPick: (picked: boolean) => void;
}) {
  const id = `pick-${item.id}`;
  return (
    <li class="picker-row">
      <input
        type="checkbox"
        id={id}
        checked={picked}
        disabled={disabled}
        onChange={(event) => onPick((event.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>
        <span class="picker-name">
          <SnapshotText value={item.name} />
        </span>
        <span class="picker-kind">
          {item.traits.kindLabel}
          {item.traits.dynamic ? ', dynamic' : ''}
          {item.traits.onPremisesSynced ? ', synced from on-premises' : ''}
        </span>
        {item.mail && (
          <span class="muted picker-mail">
            <SnapshotText value={item.mail} address />
          </span>
        )}
        <span class={item.traits.needs.length === 0 ? 'picker-sync' : 'picker-sync picker-needs'}>
          {syncNote(item)}
        </span>
      </label>
    </li>
  );
}

export function GroupPicker({ connect }: { connect: ConnectState }) {
  const { picker } = connect;
  const selected = picker.selected.value;
  const full = picker.full.value;
  const busy = connect.signingIn.value;
  const read = picker.listRead.value;
  const account = connect.account.value;
  const pick = (item: PickerItem) => (on: boolean) => void connect.pickGroup(item.id, on);
  return (
    <div class="group-picker">
      {account && (
        <p class="muted">
          Signed in as {account.username}.{' '}
          <button type="button" class="button-link" onClick={() => void connect.signOut()}>
            Sign out
          </button>
        </p>
      )}
      <h3 id="picked-title">
        Selected groups: {selected.length} of {GROUP_LIMIT}
      </h3>
      <p class="hint">
        The sync reads at most {GROUP_LIMIT} groups; members of nested groups count without taking a slot.{' '}
        {EXCHANGE_DYNAMIC_DISTRIBUTION_NOTE}
      </p>
      {selected.length > 0 && (
        <ul class="picker-list" aria-labelledby="picked-title">
          {selected.map((item) => (
            <GroupRow key={item.id} item={item} picked disabled={busy} onPick={pick(item)} />
          ))}
        </ul>
      )}
      {full && (
        <p class="inline-warn" role="status">
          {GROUP_LIMIT} groups selected: that is the limit. Remove one to pick another.
        </p>
      )}
      <p class="connect-actions">
        <button
          type="button"
          class="button-primary"
          disabled={selected.length === 0 || busy}
          onClick={() => void connect.startRead()}
        >
          Read the tenant
        </button>
      </p>
      <div class="field">
        <label for="group-search">Search the tenant’s groups</label>
        <input
          id="group-search"
          type="search"
          value={picker.query.value}
          onInput={(event) => connect.search((event.currentTarget as HTMLInputElement).value)}
        />
      </div>
      {picker.loading.value ? (
        <p role="status">Loading the tenant’s groups…</p>
      ) : (
        <>
          <p class="muted" role="status">
            {formatCount(picker.matchCount.value)} of {formatCount(picker.total.value)} groups match
            {picker.matchCount.value > picker.matches.value.length
              ? `; the first ${picker.matches.value.length} are shown, refine the search`
              : ''}
            .
          </p>
          {read !== null && read.status !== 'complete' && (
            <p class="inline-warn">
              The list of groups is incomplete ({read.status}); a group not listed can still be read once
              picked after a retry.
            </p>
          )}
          <ul class="picker-list" aria-label="Groups">
            {picker.matches.value.map((item) => (
              <GroupRow
                key={item.id}
                item={item}
                picked={false}
                disabled={full || busy}
                onPick={pick(item)}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
