// The Svelte app of tests/e2e/frameworks.test.mjs: README's recipe, mounted.
import { mount } from 'svelte';
import Article from '../../../types/Article.svelte';

mount(Article, { target: document.getElementById('app')! });
