// Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.

export const TAG = "related-stories";
export const EVENT_PREFIX = "related-stories:";

/** Every attribute the widget reads. */
export const ATTRIBUTES = ["feed","sections","article","limit","locked","untitled","heading","lock-label","lang","theme","layout","chips","target","utm","loading"];

/** Attributes that are also properties, [attribute, property]; booleans reflect as presence. */
export const PROPERTIES = [["feed","feed"],["sections","sections"],["article","article"],["limit","limit"],["locked","locked"],["untitled","untitled"],["heading","heading"],["lock-label","lockLabel"],["theme","theme"],["layout","layout"],["chips","chips"],["target","target"],["utm","utm"],["loading","loading"]];
export const BOOLEANS = ["chips"];

export const LIMIT = { min: 1, max: 50, default: 5 };
export const LOADING = { default: "lazy", values: ["lazy","near","eager"] };

/** Heights in em of the widget's font size (see "reserve" in src/contract.json). */
export const RESERVE = {
  fontSize: 16,
  heading: 1.955,
  listRow: 6.86,
  narrowRow: 8.344,
  narrowBelow: 30,
  compactRow: 2.4,
  cardColumn: 15,
  cardText: 7.8,
  cardsTop: 0.5,
  gap: 1.25,
  narrowCardRow: 8.7,
  tinyCardRow: 11.3,
  tinyBelow: 22.5,
};
