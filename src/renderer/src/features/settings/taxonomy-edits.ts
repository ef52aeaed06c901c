import type { Taxonomy, TaxonomyPreset, Verdict } from '../../../../shared/annotation/verdicts';

/**
 * Pure edits behind the verdict settings view. Everything works on a draft and is compared with
 * the saved taxonomy (the one the library's claims refer to), so that deletions and preset
 * switches can say where the claims of a verdict that goes away should move.
 */

/** The taxonomy schema allows at most this many verdicts. */
export const MAX_VERDICTS = 30;
/** The taxonomy schema allows labels up to this length. */
export const MAX_LABEL_LENGTH = 60;
/** `presetId` of a scale the user has edited, so it no longer matches any preset. */
export const CUSTOM_PRESET_ID = 'custom';
const MAX_ID_LENGTH = 60;

/** Colours offered to new verdicts, in order, skipping ones already in use. */
const NEW_VERDICT_COLORS = [
  '#00838f',
  '#5d4037',
  '#546e7a',
  '#d81b60',
  '#3949ab',
  '#43a047',
  '#8e24aa',
  '#fb8c00',
];

/** The settings view's working copy of a taxonomy. */
export interface TaxonomyDraft {
  presetId: string;
  verdicts: Verdict[];
  /**
   * Verdicts of the saved taxonomy that this draft removes, and the verdict their claims move to
   * (`null`: to no verdict). Keys are always saved ids; values are ids in `verdicts`.
   */
  reassign: Record<string, string | null>;
}

/** Claims per verdict id across the library. */
export type VerdictUsage = Readonly<Record<string, number>>;

/** A working copy of `taxonomy` with nothing deleted yet. */
export function draftFromTaxonomy(taxonomy: Taxonomy): TaxonomyDraft {
  return {
    presetId: taxonomy.presetId,
    verdicts: taxonomy.verdicts.map((v) => ({ ...v })),
    reassign: {},
  };
}

/** The key that applies verdict `index` (0-based) in the reading pane: "1".."9", none past 9. */
export function shortcutKey(index: number): string | null {
  return index >= 0 && index < 9 ? String(index + 1) : null;
}

/** An id from a label: lower-case a-z, 0-9 and single hyphens ("Pants on Fire" -> "pants-on-fire"). */
export function slugify(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_ID_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug || 'verdict';
}

/** `slugify(label)`, with "-2", "-3", ... appended until it is none of `taken`. */
export function uniqueId(label: string, taken: ReadonlySet<string>): string {
  const base = slugify(label);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The fields of a verdict a user edits in place. */
export type VerdictPatch = Partial<Pick<Verdict, 'label' | 'color' | 'rating'>>;

/** Renames, recolours or re-rates one verdict. Its id stays, so its claims keep it. */
export function updateVerdict(
  draft: TaxonomyDraft,
  id: string,
  patch: VerdictPatch,
): TaxonomyDraft {
  return {
    ...draft,
    presetId: CUSTOM_PRESET_ID,
    verdicts: draft.verdicts.map((v) => (v.id === id ? { ...v, ...patch } : v)),
  };
}

/** Moves one verdict up (`-1`) or down (`1`) the list; shortcut keys follow the new order. */
export function moveVerdict(draft: TaxonomyDraft, id: string, by: -1 | 1): TaxonomyDraft {
  const from = draft.verdicts.findIndex((v) => v.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= draft.verdicts.length) return draft;
  const verdicts = [...draft.verdicts];
  [verdicts[from], verdicts[to]] = [verdicts[to]!, verdicts[from]!];
  return { ...draft, presetId: CUSTOM_PRESET_ID, verdicts };
}

/** Ids a new verdict may not take: current ones and every saved one (deleted ones included). */
function takenIds(draft: TaxonomyDraft, saved: Taxonomy): Set<string> {
  return new Set([
    ...draft.verdicts.map((v) => v.id),
    ...saved.verdicts.map((v) => v.id),
    ...Object.keys(draft.reassign),
  ]);
}

/** Whether another verdict than `exceptId` is already called `label` (trimmed, any case). */
export function isLabelTaken(draft: TaxonomyDraft, label: string, exceptId?: string): boolean {
  const wanted = label.trim().toLocaleLowerCase();
  return draft.verdicts.some(
    (v) => v.id !== exceptId && v.label.trim().toLocaleLowerCase() === wanted,
  );
}

/**
 * Appends a verdict called `label` ("New verdict", "New verdict 2", ... by default) with an unused
 * colour and no rating. Its id comes from the label and is unique; `finalizeDraft` derives it again
 * from the label it has when saved. Returns the draft unchanged when the list is full.
 */
export function addVerdict(
  draft: TaxonomyDraft,
  saved: Taxonomy,
  label?: string,
): { draft: TaxonomyDraft; id: string | null } {
  if (draft.verdicts.length >= MAX_VERDICTS) return { draft, id: null };
  let name = label ?? 'New verdict';
  if (label === undefined) {
    for (let n = 2; isLabelTaken(draft, name); n++) name = `New verdict ${n}`;
  }
  const id = uniqueId(name, takenIds(draft, saved));
  const used = new Set(draft.verdicts.map((v) => v.color.toLowerCase()));
  const color =
    NEW_VERDICT_COLORS.find((c) => !used.has(c)) ??
    NEW_VERDICT_COLORS[draft.verdicts.length % NEW_VERDICT_COLORS.length]!;
  return {
    draft: {
      ...draft,
      presetId: CUSTOM_PRESET_ID,
      verdicts: [...draft.verdicts, { id, label: name, color, rating: null }],
    },
    id,
  };
}

/**
 * How many claims would lose their verdict if `id` were deleted now: its own claims (if it is a
 * saved verdict) plus the claims of deleted verdicts already set to move to it.
 */
export function claimsAffectedByDelete(
  draft: TaxonomyDraft,
  saved: Taxonomy,
  usage: VerdictUsage,
  id: string,
): number {
  const own = saved.verdicts.some((v) => v.id === id) ? (usage[id] ?? 0) : 0;
  const moved = Object.entries(draft.reassign)
    .filter(([, target]) => target === id)
    .reduce((sum, [from]) => sum + (usage[from] ?? 0), 0);
  return own + moved;
}

/**
 * Deletes verdict `id`; its claims (and any already headed for it) move to `moveTo`, a remaining
 * verdict, or to no verdict (`null`).
 */
export function deleteVerdict(
  draft: TaxonomyDraft,
  saved: Taxonomy,
  id: string,
  moveTo: string | null,
): TaxonomyDraft {
  if (!draft.verdicts.some((v) => v.id === id)) return draft;
  const verdicts = draft.verdicts.filter((v) => v.id !== id);
  if (moveTo !== null && !verdicts.some((v) => v.id === moveTo)) {
    throw new Error(`Cannot move claims to "${moveTo}": it is not a remaining verdict.`);
  }
  const reassign: Record<string, string | null> = {};
  for (const [from, target] of Object.entries(draft.reassign)) {
    reassign[from] = target === id ? moveTo : target;
  }
  if (saved.verdicts.some((v) => v.id === id)) reassign[id] = moveTo;
  return { presetId: CUSTOM_PRESET_ID, verdicts, reassign };
}

/**
 * The verdict a fact-checker most likely wants the claims of `verdict` to move to: one with the
 * same label, else the same ClaimReview rating, else the nearest rating; `null` (no verdict) for
 * an unrated verdict with no namesake.
 */
export function suggestReplacement(
  verdict: Verdict,
  candidates: readonly Verdict[],
): string | null {
  const label = verdict.label.trim().toLocaleLowerCase();
  const namesake = candidates.find((c) => c.label.trim().toLocaleLowerCase() === label);
  if (namesake) return namesake.id;
  const rating = verdict.rating;
  if (rating === null) return null;
  let best: Verdict | null = null;
  for (const candidate of candidates) {
    if (candidate.rating === null) continue;
    if (best === null || Math.abs(candidate.rating - rating) < Math.abs(best.rating! - rating)) {
      best = candidate;
    }
  }
  return best?.id ?? null;
}

/** A saved verdict in use that a preset switch would remove. */
export interface PendingReassignment {
  verdict: Verdict;
  /** How many claims use it. */
  claims: number;
  /** Where its claims should probably go (see `suggestReplacement`). */
  suggestion: string | null;
}

/** A preset switch before the user has said where the claims of removed verdicts go. */
export interface PresetSwitch {
  preset: TaxonomyPreset;
  /** Saved verdicts in use that are not in the preset (same id = same verdict), in saved order. */
  pending: PendingReassignment[];
}

/** Plans replacing the list with `preset`'s verdicts; edits made so far in the draft are dropped. */
export function planPresetSwitch(
  saved: Taxonomy,
  preset: TaxonomyPreset,
  usage: VerdictUsage,
): PresetSwitch {
  const kept = new Set(preset.verdicts.map((v) => v.id));
  const pending = saved.verdicts
    .filter((v) => !kept.has(v.id) && (usage[v.id] ?? 0) > 0)
    .map((verdict) => ({
      verdict,
      claims: usage[verdict.id] ?? 0,
      suggestion: suggestReplacement(verdict, preset.verdicts),
    }));
  return { preset, pending };
}

/**
 * The draft after a preset switch. `choices` says, per pending saved verdict id, where its claims
 * go; a missing choice takes the suggestion. Saved verdicts not in the preset and not in use move
 * to no verdict.
 */
export function applyPresetSwitch(
  saved: Taxonomy,
  plan: PresetSwitch,
  choices: Readonly<Record<string, string | null>> = {},
): TaxonomyDraft {
  const verdicts = plan.preset.verdicts.map((v) => ({ ...v }));
  const ids = new Set(verdicts.map((v) => v.id));
  const suggested = new Map(plan.pending.map((p) => [p.verdict.id, p.suggestion]));
  const reassign: Record<string, string | null> = {};
  for (const verdict of saved.verdicts) {
    if (ids.has(verdict.id)) continue;
    const choice =
      verdict.id in choices ? choices[verdict.id]! : (suggested.get(verdict.id) ?? null);
    if (choice !== null && !ids.has(choice)) {
      throw new Error(`Cannot move claims to "${choice}": it is not in ${plan.preset.name}.`);
    }
    reassign[verdict.id] = choice;
  }
  return { presetId: plan.preset.id, verdicts, reassign };
}

/** What is wrong with a draft: a message per verdict id, and one about the list as a whole. */
export interface DraftProblems {
  verdicts: Record<string, string>;
  list: string | null;
}

/** Checks names (non-empty, ≤ 60 characters, no two alike in any case) and the list's length. */
export function validateDraft(draft: TaxonomyDraft): DraftProblems {
  const verdicts: Record<string, string> = {};
  const seen = new Set<string>();
  for (const verdict of draft.verdicts) {
    const label = verdict.label.trim();
    const key = label.toLocaleLowerCase();
    if (label === '') verdicts[verdict.id] = 'Enter a name for this verdict.';
    else if (label.length > MAX_LABEL_LENGTH) {
      verdicts[verdict.id] = `Use at most ${MAX_LABEL_LENGTH} characters.`;
    } else if (seen.has(key)) {
      verdicts[verdict.id] = `Another verdict is already called “${label}”.`;
    }
    seen.add(key);
  }
  let list: string | null = null;
  if (draft.verdicts.length === 0) list = 'Keep at least one verdict.';
  else if (draft.verdicts.length > MAX_VERDICTS) {
    list = `Keep at most ${MAX_VERDICTS} verdicts (there are ${draft.verdicts.length}).`;
  }
  return { verdicts, list };
}

/** Whether `validateDraft` found nothing wrong. */
export function hasProblems(problems: DraftProblems): boolean {
  return problems.list !== null || Object.keys(problems.verdicts).length > 0;
}

/**
 * What to send to `setTaxonomy`: labels trimmed; verdicts added in this draft get ids from their
 * final labels (unique, never a saved id, so no claim is silently re-attached); `reassign`
 * follows those ids.
 */
export function finalizeDraft(
  draft: TaxonomyDraft,
  saved: Taxonomy,
): { taxonomy: Taxonomy; reassign: Record<string, string | null> } {
  const savedIds = new Set(saved.verdicts.map((v) => v.id));
  const taken = new Set([...savedIds, ...Object.keys(draft.reassign)]);
  const renamed = new Map<string, string>();
  const verdicts = draft.verdicts.map((v) => {
    const label = v.label.trim();
    if (savedIds.has(v.id)) return { ...v, label };
    const id = uniqueId(label, taken);
    taken.add(id);
    renamed.set(v.id, id);
    return { ...v, id, label };
  });
  const reassign: Record<string, string | null> = {};
  for (const [from, target] of Object.entries(draft.reassign)) {
    reassign[from] = target === null ? null : (renamed.get(target) ?? target);
  }
  return { taxonomy: { presetId: draft.presetId, verdicts }, reassign };
}
