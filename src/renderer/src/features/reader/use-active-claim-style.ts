import { useLayoutEffect, useState } from 'react';

/**
 * The active claim's emphasis in the text: one style rule for the marks carrying its id
 * (`--active-mark-shadow` in styles.css), in a style sheet of its own. Making another claim active
 * (a new claim, a click on a highlight or a card) rewrites that rule alone and renders no block
 * of the article.
 */
export function useActiveClaimStyle(claimId: string | null): void {
  const [sheet] = useState(() => new CSSStyleSheet());
  useLayoutEffect(() => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((each) => each !== sheet);
    };
  }, [sheet]);
  useLayoutEffect(() => {
    const selector = claimId && `.article mark[data-annotation-ids~="${CSS.escape(claimId)}"]`;
    sheet.replaceSync(selector ? `${selector} { box-shadow: var(--active-mark-shadow); }` : '');
  }, [sheet, claimId]);
}
