#!/usr/bin/env node
// File headers as `@module` doc comments: a file's description moves to the top of the file and is
// tagged `@module`, so TypeScript (and editors) attach it to the file, not to the first symbol
// after the imports. A description is the file's first `/** … */` comment when it stands among or
// before the imports, or apart from the code after it (a blank line between); a comment directly
// above a declaration is that declaration's doc and stays. Idempotent.
//
//   node scripts/dev/moduleHeaders.mjs [--check]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const check = process.argv.includes('--check');
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'src', 'cli', 'workers', 'scripts', 'e2e', 'models'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((path) => /\.(ts|tsx)$/.test(path) && !path.endsWith('.d.ts'));

/** The file's description comment, or undefined. */
function description(text, source) {
  const statements = source.statements;
  const firstDoc = (pos) => ts.getLeadingCommentRanges(text, pos)?.find((r) => text.startsWith('/**', r.pos));
  const imports = statements.filter((s) => ts.isImportDeclaration(s) || (ts.isExportDeclaration(s) && s.moduleSpecifier));
  const lastImport = imports.length ? statements.indexOf(imports[imports.length - 1]) : -1;
  for (let i = 0; i < statements.length; i++) {
    const doc = firstDoc(statements[i].pos);
    if (!doc) {
      if (i > lastImport) return undefined;
      continue;
    }
    if (i <= lastImport) return doc; // among or before the imports
    const gap = text.slice(doc.end, statements[i].getStart(source));
    return /\n\s*\n/.test(gap) ? doc : undefined; // apart from the code after it
  }
  return undefined;
}

let changed = 0;
for (const path of files) {
  const file = join(root, path);
  const text = readFileSync(file, 'utf8');
  if (/^\s*\/\*\*[\s\S]*?@module[\s\S]*?\*\//.test(text)) continue;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const doc = description(text, source);
  if (!doc) continue;
  const comment = text.slice(doc.pos, doc.end);
  const tagged = comment.includes('\n')
    ? comment.replace(/\n(\s*)\*\/$/, '\n$1* @module\n$1*/')
    : comment.replace(/^\/\*\*\s*(.*?)\s*\*\/$/, '/**\n * $1\n * @module\n */');
  // The comment and the blank lines around it leave; one blank line stays between the parts.
  const before = text.slice(0, doc.pos).replace(/\s*$/, '');
  const after = text.slice(doc.end).replace(/^\s*\n/, '');
  const rest = before ? `${before}\n\n${after}` : after;
  // A shebang stays first.
  const shebang = rest.startsWith('#!') ? rest.slice(0, rest.indexOf('\n') + 1) : '';
  const out = `${shebang}${tagged}\n${rest.slice(shebang.length)}`;
  if (out === text) continue;
  changed++;
  console.log(path);
  if (!check) writeFileSync(file, out);
}
console.log(`${changed} file header(s)${check ? ' to tag' : ' tagged'} with @module.`);
if (check && changed > 0) process.exitCode = 1;
