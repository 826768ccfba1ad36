import { useCallback, useEffect, useRef, useState } from 'react';
import type { RelatedStoriesElement, RelatedStoriesSelectDetail } from 'related-stories/react';

type SelectEvent = CustomEvent<RelatedStoriesSelectDetail>;

export function RelatedStories({ sections, onSelect }: { sections: string; onSelect: (event: SelectEvent) => void }) {
  // The event's name has a colon, which not every JSX compiler takes in a
  // prop name: listen on the element itself.
  const widget = useRef<RelatedStoriesElement>(null);
  useEffect(() => {
    const element = widget.current!;
    element.addEventListener('related-stories:select', onSelect);
    return () => element.removeEventListener('related-stories:select', onSelect);
  }, [onSelect]);
  return (
    <related-stories ref={widget} feed="https://news.example/en/feed.json" sections={sections} limit={3} lock-label="PLUS">
      <a href="https://news.example/en/">More stories</a>
    </related-stories>
  );
}

export function Article() {
  const [sections, setSections] = useState('Politics, Security');
  const [shown, setShown] = useState(true);
  const [offer, setOffer] = useState('');
  const onSelect = useCallback((event: SelectEvent) => {
    const { locked, title } = event.detail;
    if (locked) {
      event.preventDefault(); // stay on the page: offer a subscription instead
      setOffer(`Subscribe to read “${title}”`);
    }
  }, []);
  return (
    <>
      <button onClick={() => setSections('Economy')}>Economy stories</button>
      <button onClick={() => setShown(!shown)}>{shown ? 'Hide' : 'Show'} related stories</button>
      {shown && <RelatedStories sections={sections} onSelect={onSelect} />}
      <p role="status">{offer}</p>
    </>
  );
}
