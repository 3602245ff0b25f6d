/** An item's store-wide key: unique per source and item id. */
export function itemKey(sourceId: string, itemId: string): string {
  return `${sourceId}:${itemId}`;
}
