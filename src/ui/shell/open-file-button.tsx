import { useRef } from 'react';

/** A button that opens the system file picker; the input stays reachable for tests and assistive tech. */
export function OpenFileButton({ onFiles, className, label = 'Open file…' }: { onFiles: (files: File[]) => void; className?: string; label?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        aria-label="Open file"
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = ''; // the same file picked twice is still a change
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
