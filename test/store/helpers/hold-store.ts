// Child process for the lock tests: opens the embedded store in argv[2], says "ready", and holds
// it until stdin closes (or prints the error it got).
import { openStore } from '../../../src/store/open';

openStore({ dataDir: process.argv[2]! }).then(
  (store) => {
    process.stdout.write('ready\n');
    process.stdin.resume();
    process.stdin.on('end', () => void store.close().then(() => process.exit(0)));
  },
  (e: Error) => {
    process.stdout.write(`error: ${e.message}\n`);
    process.exit(3);
  },
);
