// Where focus is sent across components: ids of the places a step moves focus to, kept in one
// file so the sender and the element that carries the id cannot drift apart.

/** The recipient table's scroll region: where "list these people" takes focus (visibly). */
export const RECIPIENT_TABLE_ID = 'recipient-table';
