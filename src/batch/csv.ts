/** A small RFC 4180 reader: quoted cells with "" escapes and line breaks inside quotes. */

/** Splits one record; returns undefined when a quoted cell is still open (the record continues on the next line). */
export function parseCsvRecord(text: string): string[] | undefined {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  if (quoted) return undefined;
  cells.push(cell.replace(/\r$/, ''));
  return cells;
}
