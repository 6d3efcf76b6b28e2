/* The team page's words come from the rule core (checker/wording.py, TEAM_PAGE, in the "team-files" answer);
 * `say` fills in their {placeholders}. Only the sentence for a file chosen before the checker has loaded is the
 * page's own (page.mjs): the core cannot answer yet. */
let words = {};

export function setWords(w) {
  words = w || {};
}

export function say(key, values) {
  return String(words[key] == null ? key : words[key]).replace(/\{(\w+)\}/g, (m, k) => (values && k in values ? String(values[k]) : m));
}
