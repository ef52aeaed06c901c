import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultTaxonomy,
  metaPartnerPreset,
  politifactPreset,
  taxonomySchema,
  type Taxonomy,
} from '../../../../shared/annotation/verdicts';
import {
  addVerdict,
  applyPresetSwitch,
  claimsAffectedByDelete,
  CUSTOM_PRESET_ID,
  deleteVerdict,
  draftFromTaxonomy,
  finalizeDraft,
  hasProblems,
  isLabelTaken,
  MAX_VERDICTS,
  moveVerdict,
  planPresetSwitch,
  shortcutKey,
  slugify,
  suggestReplacement,
  uniqueId,
  updateVerdict,
  validateDraft,
} from './taxonomy-edits';

const saved: Taxonomy = defaultTaxonomy();
const ids = (t: { verdicts: { id: string }[] }) => t.verdicts.map((v) => v.id);

describe('slugify and uniqueId', () => {
  it('makes lower-case a-z0-9 ids with single hyphens', () => {
    expect(slugify('Pants on Fire')).toBe('pants-on-fire');
    expect(slugify('  Half-True!! ')).toBe('half-true');
    expect(slugify('Vérité partielle')).toBe('verite-partielle');
    expect(slugify('???')).toBe('verdict');
    expect(slugify('x'.repeat(200)).length).toBeLessThanOrEqual(60);
  });

  it('always yields a valid slug', () => {
    fc.assert(
      fc.property(fc.string(), (label) => {
        expect(slugify(label)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }),
    );
  });

  it('appends a number until the id is free', () => {
    expect(uniqueId('False', new Set(['false', 'false-2']))).toBe('false-3');
    expect(uniqueId('Opinion', new Set())).toBe('opinion');
    const long = 'y'.repeat(80);
    const taken = new Set([slugify(long)]);
    const id = uniqueId(long, taken);
    expect(taken.has(id)).toBe(false);
    expect(id.length).toBeLessThanOrEqual(60);
  });
});

describe('shortcutKey', () => {
  it('numbers the first nine verdicts and no more', () => {
    expect(shortcutKey(0)).toBe('1');
    expect(shortcutKey(8)).toBe('9');
    expect(shortcutKey(9)).toBeNull();
  });
});

describe('rename, recolour, re-rate, reorder', () => {
  it('renames in place, keeping the id, and marks the scale custom', () => {
    const draft = updateVerdict(draftFromTaxonomy(saved), 'false', { label: 'Untrue' });
    expect(draft.verdicts.find((v) => v.id === 'false')?.label).toBe('Untrue');
    expect(ids(draft)).toEqual(ids(saved));
    expect(draft.presetId).toBe(CUSTOM_PRESET_ID);
    expect(saved.verdicts.find((v) => v.id === 'false')?.label).toBe('False');
  });

  it('recolours and re-rates', () => {
    const draft = updateVerdict(draftFromTaxonomy(saved), 'opinion', {
      color: '#123456',
      rating: 3,
    });
    expect(draft.verdicts.find((v) => v.id === 'opinion')).toMatchObject({
      color: '#123456',
      rating: 3,
    });
  });

  it('moves up and down, and not past either end', () => {
    const draft = draftFromTaxonomy(saved);
    expect(ids(moveVerdict(draft, 'false', -1)).slice(3, 5)).toEqual(['false', 'misleading']);
    expect(ids(moveVerdict(draft, 'false', 1)).slice(4, 6)).toEqual(['unsupported', 'false']);
    expect(moveVerdict(draft, 'accurate', -1)).toBe(draft);
    expect(moveVerdict(draft, 'opinion', 1)).toBe(draft);
  });
});

describe('addVerdict', () => {
  it('adds a uniquely named verdict with a unique id and an unused colour', () => {
    const first = addVerdict(draftFromTaxonomy(saved), saved);
    const second = addVerdict(first.draft, saved);
    expect(first.id).toBe('new-verdict');
    expect(second.id).toBe('new-verdict-2');
    expect(second.draft.verdicts.map((v) => v.label).slice(-2)).toEqual([
      'New verdict',
      'New verdict 2',
    ]);
    const colors = second.draft.verdicts.map((v) => v.color);
    expect(new Set(colors).size).toBe(colors.length);
    expect(second.draft.verdicts.at(-1)?.rating).toBeNull();
  });

  it('never reuses the id of a deleted saved verdict', () => {
    const deleted = deleteVerdict(draftFromTaxonomy(saved), saved, 'false', 'misleading');
    const { id } = addVerdict(deleted, saved, 'False');
    expect(id).toBe('false-2');
  });

  it('stops at 30 verdicts', () => {
    let draft = draftFromTaxonomy(saved);
    while (draft.verdicts.length < MAX_VERDICTS) draft = addVerdict(draft, saved).draft;
    const full = addVerdict(draft, saved);
    expect(full.id).toBeNull();
    expect(full.draft.verdicts).toHaveLength(MAX_VERDICTS);
    expect(new Set(ids(draft)).size).toBe(MAX_VERDICTS);
  });
});

describe('deleteVerdict', () => {
  const usage = { false: 4, misleading: 2, opinion: 0 };

  it('counts the claims that would lose their verdict', () => {
    const draft = draftFromTaxonomy(saved);
    expect(claimsAffectedByDelete(draft, saved, usage, 'false')).toBe(4);
    expect(claimsAffectedByDelete(draft, saved, usage, 'opinion')).toBe(0);
    const moved = deleteVerdict(draft, saved, 'false', 'misleading');
    expect(claimsAffectedByDelete(moved, saved, usage, 'misleading')).toBe(6);
  });

  it('records where the claims go', () => {
    const draft = deleteVerdict(draftFromTaxonomy(saved), saved, 'false', 'misleading');
    expect(ids(draft)).not.toContain('false');
    expect(draft.reassign).toEqual({ false: 'misleading' });
    const cleared = deleteVerdict(draftFromTaxonomy(saved), saved, 'false', null);
    expect(cleared.reassign).toEqual({ false: null });
  });

  it('follows a chain: claims headed for a verdict that is deleted in turn move on', () => {
    let draft = deleteVerdict(draftFromTaxonomy(saved), saved, 'false', 'misleading');
    draft = deleteVerdict(draft, saved, 'misleading', 'unsupported');
    expect(draft.reassign).toEqual({ false: 'unsupported', misleading: 'unsupported' });
    draft = deleteVerdict(draft, saved, 'unsupported', null);
    expect(draft.reassign).toEqual({ false: null, misleading: null, unsupported: null });
  });

  it('needs no reassignment for a verdict added in this session', () => {
    const added = addVerdict(draftFromTaxonomy(saved), saved, 'Disputed');
    let draft = deleteVerdict(added.draft, saved, 'false', added.id);
    expect(claimsAffectedByDelete(draft, saved, usage, added.id!)).toBe(4);
    draft = deleteVerdict(draft, saved, added.id!, 'misleading');
    expect(draft.reassign).toEqual({ false: 'misleading' });
  });

  it('refuses to move claims to the deleted verdict or to one that does not exist', () => {
    const draft = draftFromTaxonomy(saved);
    expect(() => deleteVerdict(draft, saved, 'false', 'false')).toThrow(/not a remaining/);
    expect(() => deleteVerdict(draft, saved, 'false', 'nope')).toThrow(/not a remaining/);
  });
});

describe('preset switch', () => {
  it('suggests a namesake, else the same or nearest rating, else no verdict', () => {
    const byId = (id: string) => saved.verdicts.find((v) => v.id === id)!;
    expect(suggestReplacement(byId('accurate'), politifactPreset.verdicts)).toBe('true');
    expect(suggestReplacement(byId('misleading'), politifactPreset.verdicts)).toBe('mostly-false');
    expect(suggestReplacement(byId('opinion'), politifactPreset.verdicts)).toBeNull();
    expect(suggestReplacement(byId('missing-context'), metaPartnerPreset.verdicts)).toBe(
      'missing-context',
    );
  });

  it('asks only about saved verdicts in use that the new scale lacks', () => {
    const usage = { accurate: 3, false: 5, opinion: 1, misleading: 0 };
    const plan = planPresetSwitch(saved, politifactPreset, usage);
    // "false" is in both scales, so its claims stay; "misleading" is unused.
    expect(plan.pending.map((p) => [p.verdict.id, p.claims, p.suggestion])).toEqual([
      ['accurate', 3, 'true'],
      ['opinion', 1, null],
    ]);
  });

  it('replaces the list and records every saved verdict that goes away', () => {
    const usage = { accurate: 3, opinion: 1 };
    const plan = planPresetSwitch(saved, politifactPreset, usage);
    const draft = applyPresetSwitch(saved, plan, { opinion: 'half-true' });
    expect(draft.presetId).toBe('politifact');
    expect(ids(draft)).toEqual(ids(politifactPreset));
    expect(draft.reassign).toEqual({
      accurate: 'true',
      opinion: 'half-true',
      // Not in use: nothing to ask about.
      'mostly-accurate': null,
      'missing-context': null,
      misleading: null,
      unsupported: null,
    });
    expect(politifactPreset.verdicts[0]).not.toBe(draft.verdicts[0]);
  });

  it('refuses a choice outside the new scale', () => {
    const plan = planPresetSwitch(saved, politifactPreset, { opinion: 1 });
    expect(() => applyPresetSwitch(saved, plan, { opinion: 'accurate' })).toThrow(/PolitiFact/);
  });
});

describe('validateDraft', () => {
  it('accepts the presets', () => {
    expect(hasProblems(validateDraft(draftFromTaxonomy(saved)))).toBe(false);
  });

  it('refuses empty, over-long and duplicate names', () => {
    let draft = updateVerdict(draftFromTaxonomy(saved), 'false', { label: '   ' });
    draft = updateVerdict(draft, 'opinion', { label: ' accurate ' });
    draft = updateVerdict(draft, 'misleading', { label: 'x'.repeat(61) });
    const problems = validateDraft(draft);
    expect(problems.verdicts).toEqual({
      false: 'Enter a name for this verdict.',
      opinion: 'Another verdict is already called “accurate”.',
      misleading: 'Use at most 60 characters.',
    });
    expect(hasProblems(problems)).toBe(true);
    expect(isLabelTaken(draft, 'ACCURATE', 'accurate')).toBe(true);
    expect(isLabelTaken(draft, 'Accurate', 'opinion')).toBe(true);
  });

  it('refuses an empty list and more than 30 verdicts', () => {
    expect(validateDraft({ presetId: 'x', verdicts: [], reassign: {} }).list).toMatch(/at least/);
    const many = Array.from({ length: 31 }, (_, i) => ({
      id: `v${i}`,
      label: `V${i}`,
      color: '#000000',
      rating: null,
    }));
    expect(validateDraft({ presetId: 'x', verdicts: many, reassign: {} }).list).toMatch(
      /at most 30/,
    );
  });
});

describe('finalizeDraft', () => {
  it('trims labels and gives added verdicts ids from their final labels', () => {
    const added = addVerdict(draftFromTaxonomy(saved), saved);
    let draft = updateVerdict(added.draft, added.id!, { label: '  Disputed ' });
    draft = updateVerdict(draft, 'false', { label: ' Untrue ' });
    draft = deleteVerdict(draft, saved, 'misleading', added.id);
    const { taxonomy, reassign } = finalizeDraft(draft, saved);
    expect(taxonomy.verdicts.at(-1)).toMatchObject({ id: 'disputed', label: 'Disputed' });
    expect(taxonomy.verdicts.find((v) => v.id === 'false')?.label).toBe('Untrue');
    expect(reassign).toEqual({ misleading: 'disputed' });
    expect(taxonomySchema.safeParse(taxonomy).success).toBe(true);
  });

  it('keeps ids unique when added verdicts share a slug with saved or deleted ones', () => {
    let draft = deleteVerdict(draftFromTaxonomy(saved), saved, 'opinion', null);
    const a = addVerdict(draft, saved, 'Opinion');
    const b = addVerdict(a.draft, saved, 'Accurate!');
    draft = b.draft;
    const { taxonomy, reassign } = finalizeDraft(draft, saved);
    const finalIds = ids(taxonomy);
    expect(new Set(finalIds).size).toBe(finalIds.length);
    expect(finalIds.slice(-2)).toEqual(['opinion-2', 'accurate-2']);
    for (const from of Object.keys(reassign)) expect(finalIds).not.toContain(from);
  });

  it('always yields a taxonomy the API accepts, whatever the edits', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), label: fc.string({ maxLength: 20 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({
        kind: fc.constant('move' as const),
        at: fc.nat(),
        by: fc.constantFrom(-1 as const, 1 as const),
      }),
      fc.record({
        kind: fc.constant('rename' as const),
        at: fc.nat(),
        label: fc.string({ maxLength: 20 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        let draft = draftFromTaxonomy(saved);
        for (const e of edits) {
          const n = draft.verdicts.length;
          if (e.kind === 'add') {
            draft = addVerdict(
              draft,
              saved,
              isLabelTaken(draft, e.label) ? undefined : e.label,
            ).draft;
          } else if (n === 0) continue;
          else if (e.kind === 'delete') {
            const victim = draft.verdicts[e.at % n]!.id;
            const rest = draft.verdicts.filter((v) => v.id !== victim);
            const to = rest.length === 0 || e.to % 3 === 0 ? null : rest[e.to % rest.length]!.id;
            draft = deleteVerdict(draft, saved, victim, to);
          } else if (e.kind === 'move')
            draft = moveVerdict(draft, draft.verdicts[e.at % n]!.id, e.by);
          else draft = updateVerdict(draft, draft.verdicts[e.at % n]!.id, { label: e.label });
        }
        if (hasProblems(validateDraft(draft))) return;
        const { taxonomy, reassign } = finalizeDraft(draft, saved);
        expect(taxonomySchema.safeParse(taxonomy).success).toBe(true);
        const finalIds = new Set(ids(taxonomy));
        expect(finalIds.size).toBe(taxonomy.verdicts.length);
        const savedIds = new Set(ids(saved));
        for (const [from, to] of Object.entries(reassign)) {
          expect(savedIds.has(from)).toBe(true);
          expect(finalIds.has(from)).toBe(false);
          if (to !== null) expect(finalIds.has(to)).toBe(true);
        }
        // Every saved verdict that is gone has a recorded destination.
        for (const id of savedIds) if (!finalIds.has(id)) expect(from(reassign, id)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

function from(reassign: Record<string, string | null>, id: string): boolean {
  return Object.hasOwn(reassign, id);
}
