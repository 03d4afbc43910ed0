/**
 * Entry point. Office.js (loaded from Microsoft's CDN by taskpane.html, as add-ins must) calls
 * back when the host is ready; outside Excel the page says so instead of failing obscurely. Without
 * Office.js, or in a webview too old for this bundle, taskpane.html's ES5 bootstrap explains instead.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { whenHostReady } from '../excel/host';
import { App } from './App';
import { setupFunctions } from './functions';
import { translator } from './i18n';
import { savedLang } from './settings';

function render(inExcel: boolean) {
  // The shared runtime: the CHITIEU functions live in this page (manifest.xml).
  if (inExcel) setupFunctions(window.location.origin);
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <FluentProvider theme={webLightTheme}>
      {inExcel ? (
        <App origin={window.location.origin} />
      ) : (
        <p style={{ padding: 16 }}>{translator(savedLang())('needsExcel')}</p>
      )}
    </FluentProvider>,
  );
}

whenHostReady(render);
