/**
 * Highlight colours that keep article text readable.
 *
 * A verdict's colour is never painted behind text as is: it is mixed with the paper into a light
 * tint. The mix is adaptive, so the ink reaches WCAG AA (4.5:1) on the tint of any colour a user can
 * pick, pure black and dark navy included, and on the tint of several overlapping highlights.
 */

/** The reading pane's paper colour (`--paper`). */
export const PAPER = '#fbfaf7';
/** The article text colour (`--ink`). */
export const INK = '#1d1d1f';
/** WCAG 2.x AA contrast for body text. */
export const MIN_TEXT_CONTRAST = 4.5;

/** How much of each highlight colour goes into its tint when that is readable. */
const BASE_ALPHA = 0.35;
/** The tints aim a little above AA so that rounding in other renderers cannot push them under. */
const TARGET_CONTRAST = 4.6;
const ALPHA_STEP = 0.005;
/**
 * A colour closer than this to the paper (largest channel difference, 0..255) would give a tint
 * nobody can see; such a colour is darkened towards the ink before it is mixed.
 */
const MIN_COLOR_DISTANCE = 48;

type Rgb = readonly [number, number, number];

function parseHex(hex: string): Rgb {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) throw new Error(`"${hex}" is not a #rrggbb colour.`);
  const value = Number.parseInt(match[1]!, 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/** `top` painted at `alpha` over `bottom`, in sRGB like a browser composites, unrounded. */
function mix(bottom: Rgb, top: Rgb, alpha: number): Rgb {
  return [
    bottom[0] + (top[0] - bottom[0]) * alpha,
    bottom[1] + (top[1] - bottom[1]) * alpha,
    bottom[2] + (top[2] - bottom[2]) * alpha,
  ];
}

function round(rgb: Rgb): Rgb {
  return [Math.round(rgb[0]), Math.round(rgb[1]), Math.round(rgb[2])];
}

function distance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

function channelLuminance(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function luminanceOf(rgb: Rgb): number {
  return (
    0.2126 * channelLuminance(rgb[0]) +
    0.7152 * channelLuminance(rgb[1]) +
    0.0722 * channelLuminance(rgb[2])
  );
}

/** WCAG 2.x relative luminance of a `#rrggbb` colour, 0 (black) .. 1 (white). */
export function relativeLuminance(hex: string): number {
  return luminanceOf(parseHex(hex));
}

/** WCAG 2.x contrast ratio between two `#rrggbb` colours, 1 .. 21 (order does not matter). */
export function contrastRatio(fg: string, bg: string): number {
  const a = relativeLuminance(fg);
  const b = relativeLuminance(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

const paper = parseHex(PAPER);
const inkLuminance = relativeLuminance(INK);

function readable(rgb: Rgb): boolean {
  const l = luminanceOf(rgb);
  return (Math.max(l, inkLuminance) + 0.05) / (Math.min(l, inkLuminance) + 0.05) >= TARGET_CONTRAST;
}

/** The colour actually mixed for a highlight: a near-paper colour is darkened so it shows. */
function visibleColor(hex: string): Rgb {
  const rgb = parseHex(hex);
  if (distance(rgb, paper) >= MIN_COLOR_DISTANCE) return rgb;
  return mix(rgb, parseHex(INK), 0.4);
}

/**
 * Paints each colour at `alpha` over the paper, in order, and lowers `alpha` (for all layers at
 * once) until the ink is readable on the result. Lowering it always ends readable, because at
 * zero the result is the paper itself; the search stops long before that for any real colour.
 */
function readableComposite(colors: readonly Rgb[]): string {
  for (let alpha = BASE_ALPHA; alpha > 0; alpha -= ALPHA_STEP) {
    const composite = round(colors.reduce((under, color) => mix(under, color, alpha), paper));
    if (readable(composite)) return toHex(composite);
  }
  return PAPER;
}

/**
 * The background of a highlight of verdict colour `hex`: the colour mixed into the paper, opaque
 * `#rrggbb`. The ink (#1d1d1f) reaches at least 4.5:1 on it whatever the colour, and it always
 * differs visibly from the paper.
 */
export function highlightTint(hex: string): string {
  return readableComposite([visibleColor(hex)]);
}

/**
 * The background of text covered by several highlights at once (outermost first): the colours
 * layered over the paper, so overlaps read darker than either highlight alone, and the ink still
 * reaches at least 4.5:1 on the result. With no colours it is the paper.
 */
export function overlapTint(hexes: readonly string[]): string {
  if (hexes.length === 0) return PAPER;
  return readableComposite(hexes.map(visibleColor));
}
