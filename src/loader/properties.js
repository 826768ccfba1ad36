// Every attribute is also a property (lock-label as lockLabel), as the
// TypeScript declarations promise; a boolean attribute (chips) reflects as
// its presence, except chips="false", which frameworks write for false
// before the element is defined and which the widget reads as off.
// `lang` is HTMLElement's own, so not among PROPERTIES.
import { BOOLEANS, PROPERTIES } from './contract.js';

export function reflect(prototype) {
  for (const [name, property] of PROPERTIES) {
    const boolean = BOOLEANS.includes(name);
    Object.defineProperty(prototype, property, {
      configurable: true,
      get() {
        return boolean ? this.hasAttribute(name) && this.getAttribute(name).trim() !== 'false' : this.getAttribute(name);
      },
      set(value) {
        if (boolean) this.toggleAttribute(name, Boolean(value));
        else if (value == null) this.removeAttribute(name);
        else this.setAttribute(name, String(value));
      },
    });
  }
}
