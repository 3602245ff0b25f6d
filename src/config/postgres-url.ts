/** A PostgreSQL connection URL, as `storage.url` and DATABASE_URL take it. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url) && URL.canParse(url);
}
