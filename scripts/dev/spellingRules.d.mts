/** Types of spellingRules.mjs for the TypeScript tests. */
export declare const PERSISTED_NAMES: ReadonlySet<string>;
export declare function americanize(text: string): string;
export declare function isBritish(text: string): boolean;
declare const plugin: { rules: Record<string, unknown> };
export default plugin;
