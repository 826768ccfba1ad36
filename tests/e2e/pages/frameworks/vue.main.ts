// The Vue app of tests/e2e/frameworks.test.mjs: README's recipe, mounted.
import { createApp } from 'vue';
import Article from '../../../types/Article.vue';

createApp(Article).mount('#app');
