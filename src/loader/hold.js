// The widget keeps the height it reserved after the list arrives, for as
// long as giving it back would move something the reader can see: a
// shorter list, an error or an empty result leaves room at its foot
// instead of pulling the page up (as web.dev advises for ad slots: do not
// collapse reserved space). The room is given back as soon as that moves
// nothing in view, or when the reader acts on the widget.
import { EVENT_PREFIX } from './contract.js';

// The widget's events that say the list (or its error) is on the screen.
const SHOWN = [`${EVENT_PREFIX}load`, `${EVENT_PREFIX}error`];

const anchored = () =>
  CSS.supports('overflow-anchor', 'auto') &&
  ![document.scrollingElement, document.body].some((e) => e && getComputedStyle(e).overflowAnchor === 'none');

/**
 * Holds `height` px (the reserved box's, measured before mounting) on the
 * rendered widget in `element`. Returns what gives it back, for the element
 * to call when it is removed; called again after the room went back by
 * itself, it changes nothing. Nothing to hold: returns undefined.
 */
export function hold(element, height) {
  const root = element.shadowRoot;
  if (!height || !root) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`.rs{box-sizing:border-box;min-height:${height}px}`);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  let shown = false;
  let frame = 0;
  const check = () => {
    frame = 0;
    if (!shown) return;
    const held = element.getBoundingClientRect();
    sheet.disabled = true; // measured, not painted: re-enabled in the same task
    const natural = element.getBoundingClientRect();
    sheet.disabled = false;
    // Whatever follows the widget stays out of view if, without the held
    // room, the widget still reaches the viewport's foot. Once the reader
    // has scrolled past it, the browser's scroll anchoring keeps the view
    // still, where the browser has it and the page has not turned it off.
    if (natural.bottom >= innerHeight || (held.bottom <= 0 && anchored())) release();
  };
  const soon = () => (frame ||= requestAnimationFrame(check));
  // Scrolls and resizes check only once the list (or its error) is shown:
  // before that, the held room is the skeleton's. The first check waits a
  // frame past the one that paints the new list: measuring it without the
  // held room is a second layout of the list, which would otherwise hold
  // up its first paint (20-30 ms on a phone). The room held one frame
  // longer moves nothing.
  const listShown = () => {
    shown = true;
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      soon();
    });
  };
  const release = () => {
    cancelAnimationFrame(frame);
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    for (const type of SHOWN) element.removeEventListener(type, listShown);
    for (const type of ['pointerdown', 'keydown']) element.removeEventListener(type, release);
    for (const type of ['scroll', 'resize']) removeEventListener(type, soon);
  };
  for (const type of SHOWN) element.addEventListener(type, listShown);
  for (const type of ['pointerdown', 'keydown']) element.addEventListener(type, release);
  for (const type of ['scroll', 'resize']) addEventListener(type, soon, { passive: true });
  return release;
}
