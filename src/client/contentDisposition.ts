/**
 * The file name a download should be saved under, from its Content-Disposition header: RFC 5987's filename* (the exact
 * UTF-8 name) first, then the plain filename (the server's ASCII fallback), else `fallback`. Any folder part is
 * dropped, so a hostile header cannot choose where the file lands.
 */
export function fileNameOf(header: string | null | undefined, fallback: string): string {
  if (header) {
    const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
    if (extended) {
      const decoded = decodeExtended(extended[1], extended[2].trim());
      if (decoded) return baseName(decoded) || fallback;
    }
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
    if (plain) return baseName(plain[1] !== undefined ? plain[1].replace(/\\(.)/g, "$1") : plain[2].trim()) || fallback;
  }
  return fallback;
}

function decodeExtended(charset: string, value: string): string | null {
  try {
    // UTF-8 is what servers send (ours always); ISO-8859-1, the other charset RFC 5987 names, is one byte a character.
    if (/^iso-8859-1$/i.test(charset)) return value.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? "").trim();
}
