// A process that installs the escaping-fault handlers (or not: argv[2] === 'bare') and then lets faults escape
// the way a lost database connection does: an 'error' event with no listener, a thrown callback, a lost rejection.
import { EventEmitter } from 'node:events';
import { catchEscapingFaults } from '../../electron/logging/escapingFaults';

if (process.argv[2] !== 'bare') {
  catchEscapingFaults({
    info: () => undefined,
    warn: () => undefined,
    error: (message, fields) => process.stdout.write(`${JSON.stringify({ message, ...fields })}\n`),
  });
}
const client = new EventEmitter();
setTimeout(() => client.emit('error', new Error('Connection terminated unexpectedly')), 10);
setTimeout(() => {
  throw new Error('a callback failed');
}, 20);
void Promise.reject(new Error('a promise nobody awaited'));
setTimeout(() => process.stdout.write('still alive\n'), 100);
