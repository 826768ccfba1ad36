// related-stories loader: the one file a host page names. tools/loader.mjs
// bundles these modules into dist/related-stories.js, whose name stays stable.
//
// It defines <related-stories> (element.js) and loads the WebAssembly that
// renders it from next to itself (load.js), so dist/ can live on any path or
// origin. Every widget on a page shares one module and one WebAssembly
// instance. The modules only declare: nothing touches the page before the
// test below.
import { TAG } from './contract.js';
import { RelatedStoriesElement, startEarly } from './element.js';
import { reflect } from './properties.js';
import { noteBoxes } from './reserve.js';

// A second copy of this script (or an older one already on the page) must not
// throw: the first definition wins.
if (!customElements.get(TAG)) {
  reflect(RelatedStoriesElement.prototype);
  const present = document.querySelectorAll(TAG);
  noteBoxes(present);
  startEarly(present);
  customElements.define(TAG, RelatedStoriesElement);
}
