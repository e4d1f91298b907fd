// Files the reader keeps: downloads made on this device (the text never goes into a URL,
// only into a Blob the browser saves) and a backup file read back in.

/** Save `text` as a file named `filename` (names come from the engine and are neutral). */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A backup can hold at most `maxChars` characters; in UTF-8 one may take 4 bytes. */
export function tooLargeToRead(file, maxChars) {
  return file.size > maxChars * 4;
}

/** What to say about a file refused by its size before a byte of it was read. */
export function tooLargeMessage(file, maxChars) {
  const megabytes = Math.round(file.size / 1_000_000).toLocaleString("en");
  return (
    `This file is about ${megabytes} MB, far larger than a backup from this journal can be ` +
    `(${Math.round(maxChars / 1_000_000)} MB at most). It was not opened. It may be a ` +
    "different file."
  );
}

/** The text of a file the reader picked; a file that cannot be read says so. */
export async function readText(file) {
  try {
    return await file.text();
  } catch {
    throw new Error("This file could not be read. Try saving it again, then import it.");
  }
}
