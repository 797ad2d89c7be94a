/**
 * The files of a drop, including those inside dropped folders (a DSPy whole-program save is a
 * folder). Files found in a folder keep their relative path as their name: "dspy_program/metadata.json".
 */

type Entry = FileSystemEntry;

function isFile(entry: Entry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: Entry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function readAll(dir: FileSystemDirectoryEntry): Promise<Entry[]> {
  const reader = dir.createReader();
  const out: Entry[] = [];
  // readEntries answers in batches until an empty one.
  for (;;) {
    const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

async function walk(entry: Entry, prefix: string, out: File[], budget: { left: number }): Promise<void> {
  if (budget.left <= 0) return;
  if (isFile(entry)) {
    budget.left--;
    const file = await fileOf(entry);
    // A File made from another shares its bytes: renaming costs nothing.
    out.push(prefix ? new File([file], prefix + file.name, { type: file.type, lastModified: file.lastModified }) : file);
  } else if (isDirectory(entry)) {
    for (const child of await readAll(entry)) await walk(child, `${prefix}${entry.name}/`, out, budget);
  }
}

/** At most `limit` files, so a dropped home folder cannot stall the page. */
export async function droppedFiles(data: DataTransfer, limit = 500): Promise<File[]> {
  const entries = Array.from(data.items ?? [])
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
    .filter((e): e is Entry => e !== null && e !== undefined);
  if (entries.length === 0 || !entries.some(isDirectory)) return Array.from(data.files);
  const out: File[] = [];
  const budget = { left: limit };
  for (const entry of entries) await walk(entry, '', out, budget);
  return out;
}
