// Mocha root hooks (loaded by .mocharc.json): after the last test, nothing a test started may still
// run. A child process left behind is killed and fails the run, so a leak is seen and fixed
// instead of holding CI's pipes open.
import { killLeftoverChildren } from '../fixtures/children';

export const mochaHooks = {
  afterAll(): void {
    const pids = killLeftoverChildren();
    if (pids.length > 0)
      throw new Error(`child processes were left running after the tests and were killed: ${pids.join(', ')}`);
  },
};
