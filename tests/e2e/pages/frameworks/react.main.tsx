// The React app of tests/e2e/frameworks.test.mjs: README's recipe, mounted.
import { createRoot } from 'react-dom/client';
import { Article } from '../../../types/react.tsx';

createRoot(document.getElementById('app')!).render(<Article />);
