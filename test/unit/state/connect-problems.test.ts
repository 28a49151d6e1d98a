// The sync app's client id field (issue 15, item 3): empty, not a GUID, and this tool's own client
// id (the two registrations look alike) are each refused with what to enter instead.
import { describe, expect, it } from 'vitest';
import { syncClientIdProblem } from '../../../src/state/connect-problems.ts';

const TOOL = '11111111-1111-4111-8111-111111111111';
const SYNC = '22222222-2222-4222-8222-222222222222';

describe('syncClientIdProblem', () => {
  it.each([
    {
      description: 'empty',
      input: ' ',
      tool: TOOL,
      expected: /Enter the sync app’s Application \(client\) ID/,
    },
    { description: 'not a GUID', input: 'contoso-sync', tool: TOOL, expected: /is a GUID like/ },
    {
      description: "this tool's id",
      input: TOOL,
      tool: TOOL,
      expected: /this tool’s own client id.*App registrations/,
    },
    {
      description: "this tool's id, other case",
      input: ` ${TOOL.toUpperCase()} `,
      tool: TOOL,
      expected: /own client id/,
    },
    { description: 'the sync app id', input: SYNC, tool: TOOL, expected: null },
    { description: 'no tool id yet', input: SYNC, tool: null, expected: null },
  ])('$description', ({ input, tool, expected }) => {
    const problem = syncClientIdProblem(input, tool);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
