/**
 * Function words and newsroom filler ("says", "report") that two unrelated headlines share as
 * often as two related ones; dropping them lets names, numbers and verbs carry the similarity.
 */
export const englishStopwords: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be been before being below
  between both but by can could did do does doing down during each few for from further had has have
  having he her here hers him his how i if in into is it its itself just may me might more most must my
  no nor not now of off on once only or other our ours out over own per same she should so some such
  than that the their theirs them then there these they this those through to too under until up upon
  very via was we were what when where which while who whom why will with would you your yet
  says said say saying according report reports reported sources source people familiar matter
  new amid week weeks day days today year years month months first one two three s`.split(/\s+/),
);
