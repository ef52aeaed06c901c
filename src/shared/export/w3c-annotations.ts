import { isWebUrl, type Annotation } from '../annotation/annotation-model';
import { canonicalText, type Article } from '../article/article-model';
import { codePointOffsets } from './code-points';
import { includedAnnotations, type ArticleExportInput, type ExportOptions } from './export-input';
import { verdictIndex } from './export-plan';

/** The Web Annotation JSON-LD context every W3C export names. */
export const W3C_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** A body of a W3C annotation: the note, a label, the verdict, or a piece of evidence. */
export type W3cBody =
  | {
      type: 'TextualBody';
      value: string;
      purpose: 'commenting' | 'tagging' | 'assessing';
      format?: string;
    }
  | {
      type: 'SpecificResource';
      purpose: 'linking';
      /** The evidence's stance: `supports`, `refutes` or `context`. */
      label: string;
      source: { id: string; label?: string };
    };

/** A W3C Web Annotation for one claim; offsets in its position selector count code points. */
export interface W3cAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'assessing';
  created: string;
  modified: string;
  body?: W3cBody[];
  target: {
    source: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
}

/** A W3C `AnnotationCollection` holding every exported annotation on one page. */
export interface W3cAnnotationCollection {
  '@context': typeof W3C_ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: { type: 'Software'; name: string };
  generated: string;
  first?: {
    id: string;
    type: 'AnnotationPage';
    startIndex: 0;
    items: W3cAnnotation[];
  };
}

/** The IRI an article is annotated under: its web URL, or a Factmark URN when it has none. */
export function articleIri(article: Article): string {
  const { url } = article.metadata;
  return url !== undefined && isWebUrl(url)
    ? new URL(url).href
    : `urn:factmark:article:${encodeURIComponent(article.id)}`;
}

function annotationBodies(annotation: Annotation, verdictLabel: string | undefined): W3cBody[] {
  const bodies: W3cBody[] = [];
  if (annotation.note !== '') {
    bodies.push({
      type: 'TextualBody',
      value: annotation.note,
      format: 'text/markdown',
      purpose: 'commenting',
    });
  }
  for (const label of annotation.labels) {
    bodies.push({ type: 'TextualBody', value: label, purpose: 'tagging' });
  }
  if (verdictLabel !== undefined) {
    bodies.push({ type: 'TextualBody', value: verdictLabel, purpose: 'assessing' });
  }
  for (const item of annotation.evidence) {
    const title = item.title.trim();
    // The parsed form: percent-encoded, so the IRI holds no spaces.
    const id = isWebUrl(item.url) ? new URL(item.url).href : item.url;
    bodies.push({
      type: 'SpecificResource',
      purpose: 'linking',
      label: item.stance,
      source: title === '' ? { id } : { id, label: title },
    });
  }
  return bodies;
}

/**
 * The article's annotations as a W3C Web Annotation `AnnotationCollection` (JSON-LD). Each
 * target names the article and carries a TextQuoteSelector and a TextPositionSelector whose
 * offsets are Unicode code points into the canonical text (converted from UTF-16). Bodies:
 * the note (`commenting`, text/markdown), labels (`tagging`), the verdict (`assessing`),
 * evidence (`SpecificResource`, `linking`, labelled with its stance).
 */
export function toW3cAnnotations(
  input: ArticleExportInput,
  options: Partial<Pick<ExportOptions, 'includeUnreviewed'>> = {},
): W3cAnnotationCollection {
  const { article } = input;
  const source = articleIri(article);
  const toCodePoints = codePointOffsets(canonicalText(article.blocks));
  const verdicts = verdictIndex(input.taxonomy);
  const annotations = includedAnnotations(input.annotations, {
    includeUnreviewed: options.includeUnreviewed ?? true,
  });
  const collectionId = `urn:factmark:article:${encodeURIComponent(article.id)}:annotations`;

  const items = annotations.map((annotation): W3cAnnotation => {
    const verdict =
      annotation.verdictId === null ? undefined : verdicts.get(annotation.verdictId)?.label;
    const { exact, prefix, suffix } = annotation.quote;
    const bodies = annotationBodies(annotation, verdict);
    return {
      id: `urn:factmark:annotation:${encodeURIComponent(annotation.id)}`,
      type: 'Annotation',
      motivation: 'assessing',
      created: annotation.createdAt,
      modified: annotation.updatedAt,
      ...(bodies.length > 0 ? { body: bodies } : {}),
      target: {
        source,
        selector: [
          {
            type: 'TextQuoteSelector',
            exact,
            ...(prefix !== '' ? { prefix } : {}),
            ...(suffix !== '' ? { suffix } : {}),
          },
          {
            type: 'TextPositionSelector',
            start: toCodePoints(annotation.start),
            end: toCodePoints(annotation.end),
          },
        ],
      },
    };
  });

  return {
    '@context': W3C_ANNOTATION_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: `Annotations on “${article.metadata.title}”`,
    total: items.length,
    generator: { type: 'Software', name: input.generator },
    generated: input.exportedAt,
    ...(items.length > 0
      ? { first: { id: `${collectionId}:page:1`, type: 'AnnotationPage', startIndex: 0, items } }
      : {}),
  };
}
