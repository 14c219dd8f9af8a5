// One spelling across names: American "analyze" and "normalize" ("analysis" and "analyses" are
// right in both). Shared by the codemod (scripts/dev/spelling.mjs) and the lint rule below, so the
// two agree on what is British and on what must stay as it is.

/**
 * Names that are persisted or parsed elsewhere and so keep their British spelling: renaming them
 * would lose what users already have stored.
 * - `autoAnalyse`: a field of the 'watch' settings record in IndexedDB.
 * String values are never touched (the codemod rewrites identifiers, comments, file names and the
 * relative import paths that name those files): persisted values such as the job state 'analysed',
 * the tag preference 'analysed', models/manifest.json's "normalisation" field and the UI's copy
 * (which is British English: "Analyse library", "colour") stay as they are.
 */
export const PERSISTED_NAMES = new Set(['autoAnalyse']);

const BRITISH_ANALYZE = /(nalys)(?=(?:e|ed|ing|er|ers)(?![a-z]))|(NALYS)(?=(?:E|ED|ING|ER|ERS)(?![A-Z]))/g;
const BRITISH_NORMALIZE = /(ormal)(is)(?=[aeiou])|(ORMAL)(IS)(?=[AEIOU])/g;

/** The American spelling of `text` (a name, a comment or a path). Idempotent. */
export function americanize(text) {
  return text
    .replace(BRITISH_ANALYZE, (_m, lower, upper) => (lower ? 'nalyz' : upper ? 'NALYZ' : _m))
    .replace(BRITISH_NORMALIZE, (_m, lower, _is, upper) => (lower ? 'ormaliz' : upper ? 'ORMALIZ' : _m));
}

export const isBritish = (text) => americanize(text) !== text;

const rule = {
  meta: { type: 'suggestion', docs: { description: 'American spelling in names: analyze, normalize (see scripts/dev/spelling.mjs)' }, schema: [] },
  create(context) {
    const report = (node, name) =>
      context.report({
        node,
        message: `Spell '${name}' as '${americanize(name)}' (one spelling across names; \`node scripts/dev/spelling.mjs\` renames everywhere).`,
      });
    const checkName = (node) => {
      if (isBritish(node.name) && !PERSISTED_NAMES.has(node.name)) report(node, node.name);
    };
    return {
      Program(node) {
        const base = context.filename.split(/[\\/]/).pop();
        if (isBritish(base)) report(node, base);
      },
      Identifier: checkName,
      PrivateIdentifier: checkName,
      JSXIdentifier: checkName,
    };
  },
};

export default { rules: { 'american-spelling': rule } };
