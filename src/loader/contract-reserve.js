// Generated from src/contract.json by tools/contract.mjs (make contract): do not edit.
// Heights in em of the widget's font size (see "reserve" in src/contract.json).

export const fontSize = 16;
export const heading = 1.955;
export const listRow = 6.92;
export const narrowRow = 8.404;
export const narrowBelow = 30;
export const compactRow = 2.4;
export const cardColumn = 15;
export const cardText = 7.8;
export const cardsTop = 0.5;
export const gap = 1.25;
export const narrowCardRow = 8.7;
export const tinyCardRow = 11.3;
export const tinyBelow = 22.5;
