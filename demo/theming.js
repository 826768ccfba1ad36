// The theming page: controls set tokens (CSS custom properties) and attributes
// on the preview widget, and the snippet shows exactly what a partner pastes.
const widget = document.getElementById('preview');
const form = document.getElementById('controls');
const snippet = document.getElementById('snippet');
const defaults = new Map([...form.elements].map((el) => [el, el.type === 'checkbox' ? el.checked : el.value]));

function value(el) {
  return el.dataset.unit ? `${el.value}${el.dataset.unit}` : el.value;
}

function apply() {
  const tokens = [];
  const attributes = [];
  for (const el of form.elements) {
    const changed = (el.type === 'checkbox' ? el.checked : el.value) !== defaults.get(el);
    if (el.dataset.token) {
      if (changed) {
        widget.style.setProperty(el.dataset.token, value(el));
        tokens.push(`  ${el.dataset.token}: ${value(el)};`);
      } else {
        widget.style.removeProperty(el.dataset.token);
      }
    } else if (el.dataset.attr) {
      const name = el.dataset.attr;
      if (el.type === 'checkbox') {
        widget.toggleAttribute(name, el.checked);
        if (el.checked) attributes.push(name);
      } else {
        widget.setAttribute(name, el.value);
        if (changed) attributes.push(`${name}="${el.value}"`);
      }
    }
  }
  const css = tokens.length ? `<style>\nrelated-stories {\n${tokens.join('\n')}\n}\n</style>\n` : '';
  const attrs = attributes.length ? ` ${attributes.join(' ')}` : '';
  snippet.textContent = `${css}<script type="module" src="https://static.example/related-stories/related-stories.js"></script>\n`
    + `<related-stories feed="https://news.example/en/feed.json" sections="Politics, Security"${attrs}></related-stories>`;
}

form.addEventListener('input', apply);
form.addEventListener('reset', () => setTimeout(apply));
apply();
