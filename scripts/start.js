// `npm start`: the desktop window where Electron's runtime exists, else the loopback web host.
import { ensureBuilt } from './ensure-built.js';
import { findElectron, startElectron, startWebHost } from './launch.js';

ensureBuilt();
const args = process.argv.slice(2);
const electron = findElectron();
if (electron.binary) {
  startElectron(electron.binary, args);
} else {
  console.log(`Opening Factmark in your browser instead of a desktop window: ${electron.reason}.`);
  await startWebHost(args);
}
