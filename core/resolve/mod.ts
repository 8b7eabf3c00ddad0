/**
 * Interpolation and resolvers: the names other modules import.
 *
 * @module
 */

export { resolveAt, resolveEntries, resolveTree, validateInterpolations } from "./resolve.ts";
export type { ResolveOptions } from "./resolve.ts";
export {
  registerResolver,
  scopedResolvers,
  scopeResolvers,
  unregisterResolver,
} from "./resolvers.ts";
export type { RegisterOptions, ResolverContext, ResolverFn, TreePlace } from "./resolvers.ts";
