import { it } from 'vitest';
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { toMarkdown } from '../markdown-export';
// @ts-expect-error reuse
import { largeInputForProfile } from './large';
it('prof', async () => {
  const input = largeInputForProfile();
  toMarkdown(input);
  const session = new Session();
  session.connect();
  const post = (m: string, p?: object) =>
    new Promise<any>((res, rej) => session.post(m, p ?? {}, (e, r) => (e ? rej(e) : res(r))));
  await post('Profiler.enable');
  await post('Profiler.start');
  for (let i = 0; i < 3; i++) toMarkdown(input);
  const { profile } = await post('Profiler.stop');
  writeFileSync('/tmp/exp/prof/p.cpuprofile', JSON.stringify(profile));
}, 120000);
