// README's framework recipes are copies of files the tests compile and run:
// between `<!-- snippet:PATH -->` and `<!-- /snippet:PATH -->` README holds
// PATH's text in a fenced block, or with PATH#NAME only the lines between
// that file's `readme:NAME` and `/readme:NAME` comments (pieces joined by a
// blank line). tools/contract.mjs fills them in with the rest of README, so
// `make contract` rewrites them and `--check` fails on a stale one.
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const LANGUAGES = { '.tsx': 'tsx', '.ts': 'ts', '.js': 'js', '.mjs': 'js', '.vue': 'vue', '.svelte': 'svelte', '.html': 'html' };

/** Removes the indentation every non-blank line shares. */
function dedent(lines) {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0).trimEnd());
}

/** The text README shows for `path` or `path#name`. */
export function excerpt(root, spec) {
  const [path, name] = spec.split('#');
  const text = readFileSync(join(root, path), 'utf8');
  if (!name) return text.trimEnd();
  const pieces = [];
  let piece = null;
  for (const line of text.split('\n')) {
    if (new RegExp(`\\s/readme:${name}\\b`).test(line)) {
      if (!piece) throw new Error(`snippets: ${path} closes readme:${name} it never opened`);
      pieces.push(dedent(piece).join('\n'));
      piece = null;
    } else if (new RegExp(`\\sreadme:${name}\\b`).test(line)) {
      if (piece) throw new Error(`snippets: ${path} opens readme:${name} twice`);
      piece = [];
    } else if (piece) {
      piece.push(line);
    }
  }
  if (piece || !pieces.length) throw new Error(`snippets: ${path} must hold readme:${name} ... /readme:${name}`);
  return pieces.join('\n\n');
}

/** README with every snippet region holding its file's text now. */
export function fillSnippets(readme, root) {
  const found = new Set();
  const out = readme.replace(/<!-- snippet:(\S+?)(?: \([^)]*\))? -->\n[\s\S]*?<!-- \/snippet:(\S+?) -->/g, (all, spec, close) => {
    if (spec !== close) throw new Error(`snippets: README opens snippet:${spec} but closes snippet:${close}`);
    found.add(spec);
    const [path] = spec.split('#');
    const language = LANGUAGES[extname(path)];
    if (!language) throw new Error(`snippets: no language for ${path}`);
    return `<!-- snippet:${spec} (copied from ${path} by tools/contract.mjs, make contract: edit that file) -->\n`
      + `\`\`\`${language}\n${excerpt(root, spec)}\n\`\`\`\n<!-- /snippet:${spec} -->`;
  });
  const opened = [...readme.matchAll(/<!-- snippet:(\S+) /g)].map((m) => m[1]);
  const unclosed = opened.filter((spec) => !found.has(spec));
  if (unclosed.length) throw new Error(`snippets: README opens ${unclosed.join(', ')} without a matching close`);
  return out;
}
