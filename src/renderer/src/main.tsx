// First import, on purpose: evaluating it sends the launch read before the modules below are
// evaluated, so the library and the open article travel while they are.
import { api, launchRead } from './api/launch-read';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';

// Meanwhile: the first date a fresh renderer formats loads the locale's data (tens of ms, and
// the library list shows dates). Done here it fills the wait for the launch read, if any.
new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(0);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// One render with the library and the open article, rather than an empty window and then two.
// (A `.then`, not a top-level await: that would split the bundle and delay the launch read.)
void launchRead.then((launch) =>
  createRoot(root).render(
    <StrictMode>
      <App api={api} launch={launch} />
    </StrictMode>,
  ),
);
