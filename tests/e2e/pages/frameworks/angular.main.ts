// The Angular app of tests/e2e/frameworks.test.mjs: README's recipe, compiled
// ahead of time by ngc (tests/types/tsconfig.angular.json), then bundled.
import { bootstrapApplication } from '@angular/platform-browser';
import { ArticleComponent } from '../../../types/angular';

document.getElementById('app')!.append(document.createElement('app-article'));
bootstrapApplication(ArticleComponent).catch((error) => console.error(error));
