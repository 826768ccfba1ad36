// Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.

export const TAG = "related-stories";
export const EVENT_PREFIX = "related-stories:";

/** Every attribute the widget reads. */
export const ATTRIBUTES = ["feed","sections","rank","article","limit","locked","untitled","heading","lock-label","lang","theme","layout","chips","target","utm","loading"];

/** Attributes that are also properties, [attribute, property]; booleans reflect as presence. */
export const PROPERTIES = [["feed","feed"],["sections","sections"],["rank","rank"],["article","article"],["limit","limit"],["locked","locked"],["untitled","untitled"],["heading","heading"],["lock-label","lockLabel"],["theme","theme"],["layout","layout"],["chips","chips"],["target","target"],["utm","utm"],["loading","loading"]];
export const BOOLEANS = ["chips"];

/** `limit`: how many stories, as plain constants esbuild puts in place. */
export const LIMIT_MIN = 1;
export const LIMIT_MAX = 50;
export const LIMIT_DEFAULT = 5;
export const LOADING = { default: "lazy", values: ["lazy","near","eager"] };
