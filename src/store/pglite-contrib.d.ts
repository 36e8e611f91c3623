// tsconfig uses node (CJS) module resolution, which does not read package "exports" subpaths;
// the runtime resolves '@electric-sql/pglite/contrib/pg_trgm' fine, so only its type is declared.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  export const pg_trgm: import('@electric-sql/pglite').Extension;
}
