#!/usr/bin/env node
// One spelling across names: renames British "analyse"/"normalise" forms to American "analyze"/
// "normalize" in identifiers, comments, file names (git mv) and the relative import paths and
// Markdown links that name those files, across src, cli, workers, scripts, e2e and models.
// Idempotent: run it again after merging work that still uses the old spelling.
//
//   node scripts/dev/spelling.mjs          rename
//   node scripts/dev/spelling.mjs --check  list what would change, exit 1 if anything would
//
// What it leaves alone, on purpose (see PERSISTED_NAMES in spellingRules.mjs):
// - string values: persisted data (the job state 'analysed', the tag preference 'analysed',
//   settings values), CLI flags and output, log event names, and the UI's copy, which is British
//   English ("Analyse library") and asserted by the e2e tests;
// - names that are persisted (the `autoAnalyse` field of the stored watch settings);
// - text in double quotes inside comments (quoted UI copy);
// - scripts/dev itself (its rules and tests spell the British forms to test them);
// - "analysis" and "analyses", right in both spellings.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { americanize, isBritish, PERSISTED_NAMES } from './spellingRules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const check = process.argv.includes('--check');
const AREAS = ['src', 'cli', 'workers', 'scripts', 'e2e', 'models'];
const CODE = /\.(ts|tsx|mts|cts|mjs|js)$/;

const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
const tracked = () =>
  git('ls-files', '--cached', '--others', '--exclude-standard', ...AREAS)
    .split('\n')
    .filter(Boolean)
    .filter((path) => !path.startsWith('scripts/dev/'));

const changes = [];

// 1. File names.
const renames = new Map();
for (const path of tracked()) {
  const name = basename(path);
  if (!isBritish(name)) continue;
  const to = join(dirname(path), americanize(name));
  renames.set(path, to);
  changes.push(`rename ${path} → ${to}`);
  if (!check) git('mv', path, to);
}

/** Text outside double quotes is americanized; persisted names are kept. */
function americanizeComment(text) {
  return text
    .split(/("[^"\n]*")/)
    .map((part, i) => (i % 2 === 1 ? part : keepPersisted(part, americanize)))
    .join('');
}

function keepPersisted(text, change) {
  const kept = [...PERSISTED_NAMES];
  if (kept.length === 0) return change(text);
  const pattern = new RegExp(`\\b(${kept.join('|')})\\b`);
  return text
    .split(pattern)
    .map((part, i) => (i % 2 === 1 ? part : change(part)))
    .join('');
}

function isModuleSpecifier(node) {
  const parent = node.parent;
  if (!parent) return false;
  if ((ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) && parent.moduleSpecifier === node) return true;
  if (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) return true;
  if (ts.isExternalModuleReference(parent)) return true;
  if ((!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) || parent.arguments?.[0] !== node) return false;
  // import('…'), require('…'), vi.mock('…') and kin, new URL('…', import.meta.url)
  const callee = parent.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return ['require', 'URL', 'mock', 'doMock', 'unmock', 'importActual', 'importMock'].includes(name);
}

function scriptKind(path) {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.(mjs|js)$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

// 2. Identifiers, comments and the relative paths that name renamed files, in code.
for (const path of tracked().filter((p) => CODE.test(p))) {
  const file = join(root, path);
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const edits = new Map(); // start → { end, text }
  const edit = (start, end, replacement) => {
    if (text.slice(start, end) !== replacement) edits.set(start, { end, text: replacement });
  };
  const seenComments = new Set();
  const comments = (ranges) => {
    for (const range of ranges ?? []) {
      if (seenComments.has(range.pos)) continue;
      seenComments.add(range.pos);
      edit(range.pos, range.end, americanizeComment(text.slice(range.pos, range.end)));
    }
  };
  const visit = (node) => {
    comments(ts.getLeadingCommentRanges(text, node.pos));
    comments(ts.getTrailingCommentRanges(text, node.end));
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && isBritish(node.text) && !PERSISTED_NAMES.has(node.text)) {
      edit(node.getStart(source), node.end, americanize(node.text));
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      node.text.startsWith('.') &&
      isBritish(node.text) &&
      isModuleSpecifier(node)
    ) {
      const start = node.getStart(source) + 1;
      edit(start, node.end - 1, americanize(text.slice(start, node.end - 1)));
    }
    if (!ts.isJsxText(node)) ts.forEachChild(node, visit);
  };
  visit(source);
  comments(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
  if (edits.size === 0) continue;
  let out = text;
  for (const start of [...edits.keys()].sort((a, b) => b - a)) {
    const { end, text: replacement } = edits.get(start);
    out = out.slice(0, start) + replacement + out.slice(end);
  }
  if (out === text) continue;
  changes.push(`edit ${path} (${edits.size} names, comments or paths)`);
  if (!check) writeFileSync(file, out);
}

// 3. Markdown: code names in backticks (`analyzeFile`, not quoted values such as `'analysed'`) and
// the paths of renamed files.
{
  const docs = git('ls-files', '*.md').split('\n').filter(Boolean);
  for (const path of docs) {
    const file = join(root, path);
    const text = readFileSync(file, 'utf8');
    let out = text.replace(/`([A-Za-z_$][\w$.]*(?:\(\))?)`/g, (span, name) =>
      isBritish(name) && !PERSISTED_NAMES.has(name) ? `\`${americanize(name)}\`` : span,
    );
    for (const [from, to] of renames) {
      out = out.split(from).join(to);
      const fromFromDoc = relative(dirname(path), from);
      out = out.split(`](${fromFromDoc})`).join(`](${relative(dirname(path), to)})`);
    }
    if (out === text) continue;
    changes.push(`edit ${path} (code names or paths of renamed files)`);
    if (!check) writeFileSync(file, out);
  }
}

for (const line of changes) console.log(line);
console.log(changes.length === 0 ? 'One spelling already: nothing to change.' : `${changes.length} change(s)${check ? ' needed' : ' made'}.`);
if (check && changes.length > 0) process.exitCode = 1;
