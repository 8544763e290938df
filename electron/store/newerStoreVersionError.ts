export class NewerStoreVersionError extends Error {
  constructor(found: number, known: number) {
    super(`the store was made by a newer version of the app (schema ${found}, this app knows up to ${known}); it was left untouched`);
    this.name = 'NewerStoreVersionError';
  }
}
