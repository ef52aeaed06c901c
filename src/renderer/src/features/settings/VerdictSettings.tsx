import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { taxonomyPresets, type Taxonomy } from '../../../../shared/annotation/verdicts';
import { NO_VERDICT, ReassignQuestion } from './ReassignQuestion';
import {
  addVerdict,
  applyPresetSwitch,
  claimsAffectedByDelete,
  deleteVerdict,
  draftFromTaxonomy,
  finalizeDraft,
  hasProblems,
  MAX_VERDICTS,
  moveVerdict,
  planPresetSwitch,
  suggestReplacement,
  updateVerdict,
  validateDraft,
  type PresetSwitch,
  type VerdictPatch,
} from './taxonomy-edits';
import { useModalFocus } from '../../components/use-modal-focus';
import { accessibleLabel, rowIds, VerdictRow } from './VerdictRow';
import './verdict-settings.css';

/** Props of the verdict settings dialog. */
export interface VerdictSettingsProps {
  /** The saved taxonomy; the dialog edits a copy and changes nothing until Save. */
  taxonomy: Taxonomy;
  /** How many claims use each verdict id across the library. */
  usage: Readonly<Record<string, number>>;
  /**
   * Saves the edited taxonomy; `reassign` maps each deleted saved verdict id to the verdict its
   * claims move to (or `null`). Resolves `false` when saving failed: the dialog stays open.
   */
  onSave: (taxonomy: Taxonomy, reassign: Record<string, string | null>) => Promise<boolean>;
  /** Closes the dialog (the parent unmounts it; focus then returns to the opener). */
  onClose: () => void;
}

const toVerdictId = (value: string): string | null => (value === NO_VERDICT ? null : value);

/**
 * The "Verdicts" settings dialog: switch scale, add, rename, recolour, re-rate, reorder and delete
 * verdicts. Deleting a verdict in use, or switching away from it, asks where its claims move.
 */
export function VerdictSettings({ taxonomy, usage, onSave, onClose }: VerdictSettingsProps) {
  const baseId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState(() => draftFromTaxonomy(taxonomy));
  const [deleting, setDeleting] = useState<{ id: string; to: string } | null>(null);
  const [switching, setSwitching] = useState<{
    plan: PresetSwitch;
    choices: Record<string, string>;
  } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const problems = useMemo(() => validateDraft(draft), [draft]);

  // Focus requested by a handler, applied once the next render is on screen.
  const focusNext = useRef<{ id: string; select?: boolean } | null>(null);
  useEffect(() => {
    const request = focusNext.current;
    if (!request) return;
    focusNext.current = null;
    const element = document.getElementById(request.id);
    element?.focus();
    if (request.select && element instanceof HTMLInputElement) element.select();
  });

  const ids = {
    heading: `${baseId}-heading`,
    intro: `${baseId}-intro`,
    scale: `${baseId}-scale`,
    add: `${baseId}-add`,
    deleteChoice: `${baseId}-delete-to`,
    switchChoice: `${baseId}-switch-to`,
  };

  function cancelDelete() {
    if (deleting) focusNext.current = { id: rowIds(baseId, deleting.id).remove };
    setDeleting(null);
  }

  function cancelSwitch() {
    focusNext.current = { id: ids.scale };
    setSwitching(null);
  }

  const { onKeyDown } = useModalFocus(dialogRef, () => {
    if (deleting) cancelDelete();
    else if (switching) cancelSwitch();
    else if (!saving) onClose();
  });

  function edit(id: string, patch: VerdictPatch) {
    setDraft((current) => updateVerdict(current, id, patch));
    setSaveError(null);
  }

  function move(id: string, by: -1 | 1) {
    setDraft((current) => moveVerdict(current, id, by));
  }

  function removeNow(id: string, to: string | null) {
    const index = draft.verdicts.findIndex((v) => v.id === id);
    const next = deleteVerdict(draft, taxonomy, id, to);
    // Focus lands on the row that took its place, else the one above, else "Add verdict".
    const neighbour = next.verdicts[index] ?? next.verdicts[index - 1];
    focusNext.current = { id: neighbour ? rowIds(baseId, neighbour.id).remove : ids.add };
    setDraft(next);
    setDeleting(null);
  }

  function requestDelete(id: string) {
    setSwitching(null);
    const verdict = draft.verdicts.find((v) => v.id === id);
    if (!verdict) return;
    if (claimsAffectedByDelete(draft, taxonomy, usage, id) === 0) {
      removeNow(id, null);
      return;
    }
    const remaining = draft.verdicts.filter((v) => v.id !== id);
    const to = suggestReplacement(verdict, remaining) ?? NO_VERDICT;
    focusNext.current = { id: `${ids.deleteChoice}-${id}` };
    setDeleting({ id, to });
  }

  function add() {
    const { draft: next, id } = addVerdict(draft, taxonomy);
    if (id === null) return;
    focusNext.current = { id: rowIds(baseId, id).name, select: true };
    setDraft(next);
  }

  function changeScale(presetId: string) {
    const preset = taxonomyPresets.find((p) => p.id === presetId);
    if (!preset) return;
    setDeleting(null);
    const plan = planPresetSwitch(taxonomy, preset, usage);
    if (plan.pending.length === 0) {
      setDraft(applyPresetSwitch(taxonomy, plan));
      setSwitching(null);
      return;
    }
    const choices = Object.fromEntries(
      plan.pending.map((p) => [p.verdict.id, p.suggestion ?? NO_VERDICT]),
    );
    focusNext.current = { id: `${ids.switchChoice}-${plan.pending[0]!.verdict.id}` };
    setSwitching({ plan, choices });
  }

  function confirmSwitch() {
    if (!switching) return;
    const choices = Object.fromEntries(
      Object.entries(switching.choices).map(([from, to]) => [from, toVerdictId(to)]),
    );
    setDraft(applyPresetSwitch(taxonomy, switching.plan, choices));
    cancelSwitch();
  }

  async function save() {
    if (saving) return;
    if (deleting || switching) {
      // An open question must be answered (or cancelled) first.
      const first = dialogRef.current?.querySelector<HTMLElement>(
        '.verdict-settings__question select',
      );
      first?.focus();
      return;
    }
    if (hasProblems(problems)) {
      const invalid = draft.verdicts.find((v) => problems.verdicts[v.id]);
      document.getElementById(invalid ? rowIds(baseId, invalid.id).name : ids.add)?.focus();
      return;
    }
    const { taxonomy: next, reassign } = finalizeDraft(draft, taxonomy);
    setSaving(true);
    setSaveError(null);
    let saved = false;
    let reason = '';
    try {
      saved = await onSave(next, reassign);
    } catch (error) {
      reason = error instanceof Error ? ` (${error.message})` : '';
    }
    if (saved) {
      onClose();
      return;
    }
    setSaving(false);
    setSaveError(`The verdicts could not be saved${reason}. Your changes are kept; try again.`);
  }

  const isPreset = taxonomyPresets.some((p) => p.id === draft.presetId);
  const full = draft.verdicts.length >= MAX_VERDICTS;

  return (
    <div
      className="verdict-settings__backdrop"
      // A click on the backdrop must not take focus out of the dialog.
      onMouseDown={(event) => event.target === event.currentTarget && event.preventDefault()}
    >
      <div
        ref={dialogRef}
        className="verdict-settings"
        role="dialog"
        aria-modal="true"
        aria-labelledby={ids.heading}
        aria-describedby={ids.intro}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={ids.heading} className="verdict-settings__heading">
          Verdicts
        </h2>
        <div className="verdict-settings__body">
          <p id={ids.intro} className="verdict-settings__intro">
            Keys 1–9 apply the first nine verdicts. A rating (1 worst, 5 best) goes into ClaimReview
            exports. Nothing changes until you save.
          </p>
          <div className="verdict-settings__scale">
            <label htmlFor={ids.scale}>Scale</label>
            <select
              id={ids.scale}
              value={isPreset ? draft.presetId : 'custom'}
              onChange={(event) => changeScale(event.target.value)}
            >
              {taxonomyPresets.map((preset) => (
                <option key={preset.id} value={preset.id}>
                  {preset.name}
                </option>
              ))}
              {!isPreset && (
                <option value="custom" disabled>
                  Custom
                </option>
              )}
            </select>
          </div>
          {switching && (
            <ReassignQuestion
              title={`Switch to ${switching.plan.preset.name}?`}
              intro={`These verdicts are in use but not in ${switching.plan.preset.name}. Move their claims to:`}
              choices={switching.plan.pending.map((p) => ({
                from: p.verdict,
                fromLabel: accessibleLabel(p.verdict, 0),
                claims: p.claims,
                to: switching.choices[p.verdict.id] ?? NO_VERDICT,
              }))}
              targets={switching.plan.preset.verdicts}
              confirmLabel="Switch scale"
              selectIdPrefix={ids.switchChoice}
              onChoose={(from, to) =>
                setSwitching({ ...switching, choices: { ...switching.choices, [from]: to } })
              }
              onConfirm={confirmSwitch}
              onCancel={cancelSwitch}
            />
          )}
          <div className="verdict-settings__columns" aria-hidden="true">
            <span>Key</span>
            <span>Name</span>
            <span>Colour</span>
            <span />
            <span>Rating</span>
          </div>
          <ol className="verdict-settings__list">
            {draft.verdicts.map((verdict, index) => (
              <VerdictRow
                key={verdict.id}
                baseId={baseId}
                verdict={verdict}
                index={index}
                count={draft.verdicts.length}
                problem={problems.verdicts[verdict.id]}
                onChange={(patch) => edit(verdict.id, patch)}
                onMove={(by) => move(verdict.id, by)}
                onDelete={() => requestDelete(verdict.id)}
              >
                {deleting?.id === verdict.id && (
                  <ReassignQuestion
                    title={`Delete ${accessibleLabel(verdict, index)}?`}
                    intro="Its claims move to the verdict you choose."
                    choices={[
                      {
                        from: verdict,
                        fromLabel: accessibleLabel(verdict, index),
                        claims: claimsAffectedByDelete(draft, taxonomy, usage, verdict.id),
                        to: deleting.to,
                      },
                    ]}
                    targets={draft.verdicts.filter((v) => v.id !== verdict.id)}
                    confirmLabel="Confirm delete"
                    selectIdPrefix={ids.deleteChoice}
                    onChoose={(_, to) => setDeleting({ id: verdict.id, to })}
                    onConfirm={() => removeNow(verdict.id, toVerdictId(deleting.to))}
                    onCancel={cancelDelete}
                  />
                )}
              </VerdictRow>
            ))}
          </ol>
          {problems.list && <p className="verdict-settings__problem">{problems.list}</p>}
          <div className="verdict-settings__add">
            <button
              id={ids.add}
              type="button"
              className="verdict-settings__button"
              disabled={full}
              onClick={add}
            >
              Add verdict
            </button>
            {full && <span>At most {MAX_VERDICTS} verdicts.</span>}
          </div>
        </div>
        <div className="verdict-settings__footer">
          {saveError && (
            <p className="verdict-settings__problem" role="alert">
              {saveError}
            </p>
          )}
          <p className="verdict-settings__status" role="status">
            {saving ? 'Saving…' : ''}
          </p>
          <button type="button" className="verdict-settings__button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="verdict-settings__button verdict-settings__button--primary"
            aria-disabled={saving || undefined}
            onClick={() => void save()}
          >
            Save
          </button>
        </div>
      </div>
    </div>
  );
}
