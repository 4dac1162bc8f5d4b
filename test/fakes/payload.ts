/**
 * Payload sizes as the Office host would see them: the request and response of a sync travel as JSON, so the fake
 * measures the UTF-8 length of the JSON of each action's arguments and each loaded value.
 */

/** UTF-8 bytes of a string without encoding it (browsers and Node alike). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

export function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  return utf8Length(JSON.stringify(value) ?? "");
}

/** What one action costs besides its arguments: the object path, the action type and the member name. */
export const ACTION_OVERHEAD_BYTES = 48;
