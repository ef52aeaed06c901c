/** Factmark's version; a test keeps it equal to package.json's. */
export const FACTMARK_VERSION = '0.1.0';

/** What exports name as their generator. */
export const GENERATOR = `Factmark ${FACTMARK_VERSION}`;
