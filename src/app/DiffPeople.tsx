// A list of people who join or leave, as a table: name, why, then the address (last, as the one
// column a narrow screen may scroll to).
// Capped, since a tenant-wide change can move thousands: the counts above always tell the whole.
import type { DiffJoiner, DiffLeaver, GroupJoinReason, GroupLeaveReason } from '../core/diff.ts';
import { JOIN_WORDS, LEAVE_WORDS } from './diff-words.ts';
import { formatCount } from './format.ts';
import { SnapshotText } from './SnapshotText.tsx';

const SHOWN = 300;

type Mover = DiffJoiner<GroupJoinReason> | DiffLeaver<GroupLeaveReason>;

export function DiffPeople({
  caption,
  people,
  change,
}: {
  caption: string;
  people: ReadonlyArray<Mover>;
  change: 'join' | 'leave';
}) {
  if (people.length === 0) return <p class="muted">{caption}: nobody.</p>;
  const words: Record<string, string> = change === 'join' ? JOIN_WORDS : LEAVE_WORDS;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table scrolls sideways at 320 px; keyboard users need to reach it to scroll
    <section class="table-wrap" tabIndex={0} aria-label={caption}>
      <table class="numbers diff-people">
        <caption class="table-title">
          {caption} ({formatCount(people.length)})
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Why</th>
            <th scope="col">Email</th>
          </tr>
        </thead>
        <tbody>
          {people.slice(0, SHOWN).map((person) => (
            <tr key={person.id}>
              <td>
                <SnapshotText value={person.name} />
              </td>
              <td>{words[person.why]}</td>
              <td class="diff-email">
                <SnapshotText value={person.email} address />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {people.length > SHOWN && (
        <p class="muted table-title">
          … and {formatCount(people.length - SHOWN)} more (the first {formatCount(SHOWN)} are shown).
        </p>
      )}
    </section>
  );
}
