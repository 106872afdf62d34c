/**
 * A string that shares no memory with the text it was cut from. V8 copies substrings shorter than
 * 13 characters anyway and makes longer ones slices that keep their parent alive: an id kept in a
 * set or cache from a chunk's text would otherwise keep the whole chunk in memory.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8');
}
