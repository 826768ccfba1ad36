// Listen once, on document: every widget's events bubble up to it, so one
// listener hears the widgets on every page Turbo renders and every widget
// htmx swaps in. (Type-checked against the package's types by make test-types.)
document.addEventListener('related-stories:select', (event) => {
  const { locked, title } = event.detail;
  const offer = document.getElementById('offer');
  if (locked && offer) {
    event.preventDefault(); // stay on the page: offer a subscription instead
    offer.textContent = `Subscribe to read “${title}”`;
  }
});
