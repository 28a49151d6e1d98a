// Mutation runs only: property tests try 20 inputs instead of fast-check's 100. A mutant is run
// against every test that covers it, and at 100 inputs the property tests made one mutant cost
// about 20 s on this machine; most mutants fall at the first few inputs anyway.
import fc from 'fast-check';

fc.configureGlobal({ numRuns: 20 });
