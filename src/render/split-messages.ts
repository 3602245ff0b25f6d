/**
 * Packs units into messages in order, starting a new message whenever `fits` says the next unit would
 * break a limit. A unit that does not fit even an empty message still gets a message of its own: callers
 * build units that always fit an empty one, and the limit schemas catch it if they do not.
 */
export function splitMessages<Unit>(units: readonly Unit[], fits: (message: readonly Unit[], next: Unit) => boolean): Unit[][] {
  const messages: Unit[][] = [];
  let current: Unit[] = [];
  for (const unit of units) {
    if (current.length > 0 && !fits(current, unit)) {
      messages.push(current);
      current = [];
    }
    current.push(unit);
  }
  if (current.length > 0) messages.push(current);
  return messages;
}
