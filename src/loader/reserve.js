// Until the wasm renders, hold about the space the list will take, so
// nothing below the widget jumps when it arrives.
import { LIMIT_DEFAULT, LIMIT_MAX, LIMIT_MIN } from './contract.js';
import * as RESERVE from './contract-reserve.js';

// The figures, in em of the widget's font size, are measured from
// style/related-stories.css with the demo feed (see "reserve" in
// src/contract.json): the heading; a list row with a two-line headline, and
// narrower than narrowBelow em a third line is common (narrowRow); a compact
// row; cards a grid of cardColumn em columns, 16:9 thumbnails and cardText em
// of text, or below narrowBelow em rows beside thumbnails.

/** The height of `rows` stories in `layout` on a widget `width` em wide, in em. */
export const reserved = (layout, rows, width) => {
  const narrow = width < RESERVE.narrowBelow;
  if (layout === 'compact') return RESERVE.heading + rows * RESERVE.compactRow;
  if (layout !== 'cards') return RESERVE.heading + rows * (narrow ? RESERVE.narrowRow : RESERVE.listRow);
  if (narrow) return RESERVE.heading + rows * (width < RESERVE.tinyBelow ? RESERVE.tinyCardRow : RESERVE.narrowCardRow);
  const columns = Math.max(1, Math.floor((width + RESERVE.gap) / (RESERVE.cardColumn + RESERVE.gap)));
  const card = ((width - (columns - 1) * RESERVE.gap) / columns) * 9 / 16 + RESERVE.cardText;
  const lines = Math.ceil(rows / columns);
  return RESERVE.heading + RESERVE.cardsTop + lines * card + (lines - 1) * RESERVE.gap;
};

/** The rows the `limit` attribute asks for, clamped as the widget clamps it. */
export const rows = (limit) => Math.min(Math.max(parseInt(limit, 10) || LIMIT_DEFAULT, LIMIT_MIN), LIMIT_MAX);

/** One em of the widget in px: its --rs-font-size when given in px, else the default. */
export const em = (size) => (size.endsWith('px') ? parseFloat(size) || RESERVE.fontSize : RESERVE.fontSize);

// Made on first use, so that a second copy of the loader makes nothing.
let host;
const hostSheet = () => {
  if (!host) {
    host = new CSSStyleSheet();
    host.replaceSync(':host{display:block}');
  }
  return host;
};

// Boxes of the elements already on the page, read before defining
// changes them (one layout, which the page was about to do anyway).
const boxes = new WeakMap();
export const noteBoxes = (elements) => {
  for (const element of elements) boxes.set(element, element.getBoundingClientRect());
};
/** The element's box as noted before it was defined, if it was. */
export const noted = (element) => boxes.get(element);

/**
 * Fills the element's shadow root with a box of the reserved height; returns
 * the element's rectangle, measured on the way.
 */
export const placeholder = (element) => {
  // A widget put back on the page keeps its shadow root; reuse it.
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [hostSheet()];
  const box = document.createElement('div');
  box.className = 'reserve';
  const size = em(getComputedStyle(element).getPropertyValue('--rs-font-size').trim());
  const rect = element.getBoundingClientRect();
  box.style.height = `${reserved(element.getAttribute('layout'), rows(element.getAttribute('limit')), rect.width / size) * size}px`;
  // Never smaller than the element was before it was defined (a tall
  // fallback, or the page's own :not(:defined) rule): shrinking would
  // move the page as surely as growing.
  const before = boxes.get(element)?.height;
  if (before) box.style.minHeight = `${before}px`;
  boxes.delete(element);
  root.replaceChildren(box);
  return rect;
};
