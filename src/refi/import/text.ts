// Bytes of an archive entry to text.

/** UTF-16 without a BOM: even length, and NUL in most odd (LE) or even (BE) bytes, as Latin-script text has. */
function bomlessUtf16(data: Uint8Array): 'le' | 'be' | undefined {
  if (data.length < 2 || data.length % 2 !== 0) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < data.length; i += 2) {
    if (data[i] === 0) even++;
    if (data[i + 1] === 0) odd++;
  }
  const pairs = data.length / 2;
  if (odd > pairs * 0.5 && even === 0) return 'le';
  if (even > pairs * 0.5 && odd === 0) return 'be';
  return undefined;
}

export function decodeText(data: Uint8Array): { text: string; lossy: boolean; utf16?: 'le' | 'be' } {
  // UTF-16 with a BOM is legal XML and some Windows tools write it.
  if (data[0] === 0xff && data[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(data.subarray(2)), lossy: false };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(data.subarray(2)), lossy: false };
  const utf16 = bomlessUtf16(data);
  if (utf16) return { text: new TextDecoder(`utf-16${utf16}`).decode(data), lossy: false, utf16 };
  try {
    let text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, lossy: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(data), lossy: true };
  }
}
