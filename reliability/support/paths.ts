import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The built web host entry (`npx electron-vite build` makes it). */
export const WEB_HOST_SCRIPT = fileURLToPath(
  new URL('../../out/main/web-host.js', import.meta.url),
);

/** Where the sample article lives, as openFactmark expects. */
export const RESOURCES_DIR = fileURLToPath(new URL('../../resources/', import.meta.url));

/** How many SIGKILLs the crash test makes (the issue asks for at least 50). */
export const KILLS = Math.max(1, Number(process.env.FACTMARK_RELIABILITY_KILLS ?? 50) || 50);

/** How many generated inputs per API method the bad-input properties try. */
export const RUNS = Math.max(1, Number(process.env.FACTMARK_RELIABILITY_RUNS ?? 60) || 60);

/** The seed of every pseudo-random choice, so a failing run can be replayed exactly. */
export const SEED = Number(process.env.FACTMARK_RELIABILITY_SEED ?? 20261128) || 20261128;
