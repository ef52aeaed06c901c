import { z } from 'zod';

/**
 * A verdict a claim can be given. `rating` maps it onto ClaimReview's numeric scale
 * (1 = worst, 5 = best); verdicts without one (e.g. Opinion) are left out of ClaimReview.
 */
export const verdictSchema = z.object({
  id: z.string().min(1).max(100),
  label: z.string().min(1).max(60),
  /** A CSS hex colour, `#rrggbb`. */
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  rating: z.number().int().min(1).max(5).nullable(),
});
export type Verdict = z.infer<typeof verdictSchema>;

/** The ordered list of verdicts in use; shortcut keys 1..9 follow this order. */
export const taxonomySchema = z.object({
  presetId: z.string().max(100),
  verdicts: z.array(verdictSchema).max(30),
});
export type Taxonomy = z.infer<typeof taxonomySchema>;

/** A named verdict scale a user can switch to. */
export interface TaxonomyPreset {
  id: string;
  name: string;
  verdicts: Verdict[];
}

/** Factmark's own scale, the default for a new library. */
export const factmarkPreset: TaxonomyPreset = {
  id: 'factmark',
  name: 'Factmark',
  verdicts: [
    { id: 'accurate', label: 'Accurate', color: '#2e7d32', rating: 5 },
    { id: 'mostly-accurate', label: 'Mostly accurate', color: '#7cb342', rating: 4 },
    { id: 'missing-context', label: 'Missing context', color: '#f9a825', rating: 3 },
    { id: 'misleading', label: 'Misleading', color: '#ef6c00', rating: 2 },
    { id: 'false', label: 'False', color: '#c62828', rating: 1 },
    { id: 'unsupported', label: 'Unsupported', color: '#6a1b9a', rating: 2 },
    { id: 'opinion', label: 'Opinion', color: '#1565c0', rating: null },
  ],
};

/** PolitiFact's Truth-O-Meter. */
export const politifactPreset: TaxonomyPreset = {
  id: 'politifact',
  name: 'PolitiFact',
  verdicts: [
    { id: 'true', label: 'True', color: '#2e7d32', rating: 5 },
    { id: 'mostly-true', label: 'Mostly True', color: '#7cb342', rating: 4 },
    { id: 'half-true', label: 'Half True', color: '#f9a825', rating: 3 },
    { id: 'mostly-false', label: 'Mostly False', color: '#ef6c00', rating: 2 },
    { id: 'false', label: 'False', color: '#c62828', rating: 1 },
    { id: 'pants-on-fire', label: 'Pants on Fire', color: '#4a148c', rating: 1 },
  ],
};

/** The scale used by Meta's third-party fact-checking partners. */
export const metaPartnerPreset: TaxonomyPreset = {
  id: 'meta-partner',
  name: 'Meta partner',
  verdicts: [
    { id: 'false', label: 'False', color: '#c62828', rating: 1 },
    { id: 'altered', label: 'Altered', color: '#ad1457', rating: 1 },
    { id: 'partly-false', label: 'Partly False', color: '#ef6c00', rating: 2 },
    { id: 'missing-context', label: 'Missing Context', color: '#f9a825', rating: 3 },
    { id: 'satire', label: 'Satire', color: '#1565c0', rating: null },
    { id: 'true', label: 'True', color: '#2e7d32', rating: 5 },
  ],
};

/** Every preset, in the order the settings view offers them. */
export const taxonomyPresets: readonly TaxonomyPreset[] = [
  factmarkPreset,
  politifactPreset,
  metaPartnerPreset,
];

/** The taxonomy a new library starts with. */
export function defaultTaxonomy(): Taxonomy {
  return { presetId: factmarkPreset.id, verdicts: factmarkPreset.verdicts.map((v) => ({ ...v })) };
}
