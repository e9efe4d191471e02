// class-transformer's metadata store, which test/foundation/plain-dtos.spec.ts reads (typed there).
declare module 'class-transformer/cjs/storage.js' {
  export const defaultMetadataStorage: unknown;
}
