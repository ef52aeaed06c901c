// `npm run start:web -- [--data-dir DIR] [--port N]`: the loopback web host, without Electron.
import { ensureBuilt } from './ensure-built.js';
import { startWebHost } from './launch.js';

ensureBuilt();
await startWebHost(process.argv.slice(2));
