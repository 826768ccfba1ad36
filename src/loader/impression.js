// related-stories:impression: the list was seen, by the IAB/MRC rule for a
// viewable display impression: at least half of the list's area in the
// viewport for one continuous second while the page is visible. Once per
// list: the wasm hands over the detail of the list after every render, and
// only other stories, or another order, start a new impression. The widget
// sends nothing anywhere.
import { EVENT_PREFIX } from './contract.js';

const area = (r) => r.width * r.height;

/**
 * Watches `element`'s list for impressions. Returns [rendered, stop]:
 * `rendered(detail)` is the wasm's call after every render (the event's
 * detail for the list shown, undefined for none); `stop()` lets go of
 * everything when the element is removed.
 */
export const impressions = (element) => {
  // The stories last shown (as JSON), the detail of a list not yet seen,
  // the element it is, the one observer watching it, whether it is in view
  // enough, and the timer of its second in view.
  let shown, detail, list, observer, timer, viewable;
  let need = 0.5;
  // The dwell runs while the list is in view on a visible page, and starts
  // over whenever either stops being so.
  const check = () => {
    if (detail && viewable && document.visibilityState === 'visible') timer ??= setTimeout(seen, 1000);
    else timer = clearTimeout(timer);
  };
  const seen = () => {
    element.dispatchEvent(new CustomEvent(`${EVENT_PREFIX}impression`, { bubbles: true, composed: true, detail }));
    stop();
  };
  const watch = () => {
    observer?.disconnect();
    observer = list && new IntersectionObserver(measured, { threshold: need });
    observer?.observe(list);
  };
  const measured = (entries, from) => {
    if (from !== observer) return; // a disconnected observer's last entries
    const { intersectionRatio, boundingClientRect, rootBounds } = entries.at(-1);
    // Half of a list more than twice the viewport's area (a long list on a
    // phone, cards above all) can never be in view at once. Such a list
    // counts once it covers half the viewport, as the IAB's rule for large
    // ads counts a share of the viewport, not of the ad. In a cross-origin
    // frame the viewport's size is not known: half the list, always.
    const size = area(boundingClientRect);
    const view = rootBounds ? area(rootBounds) : size;
    const ratio = size > 2 * view ? view / 2 / size : 0.5;
    // A new threshold is a new observer, whose first entry measures again.
    if (ratio !== need) {
      need = ratio;
      return watch();
    }
    viewable = intersectionRatio >= need;
    check();
  };
  const stop = () => {
    detail = list = undefined;
    watch();
    check();
    document.removeEventListener('visibilitychange', check);
  };
  const rendered = (now) => {
    // Other stories, or another order, are a new impression: its second
    // starts from nothing. The same list again (after a skeleton, say) is not.
    const stories = JSON.stringify(now?.items);
    if (now && stories !== shown) {
      shown = stories;
      detail = now;
      viewable = false;
      document.addEventListener('visibilitychange', check);
    }
    if (!detail) return;
    // Each render is a new element, watched in place of the last; the same
    // list in it keeps its time in view until measured again. No list (a
    // skeleton, an empty or failed state) is no time in view.
    list = element.shadowRoot.querySelector('[part=list]');
    if (!list) viewable = false;
    watch();
    check();
  };
  return [rendered, stop];
};
