/** See bundle.mjs: the TypeScript module `entry` bundled into one ES module, or undefined when it cannot be. */
export function bundle(entry: URL): Promise<URL | undefined>;
