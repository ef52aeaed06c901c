/** Reads a file as bytes, reporting progress (0..1) as it goes. */
export function readFileBytes(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    reader.onerror = () =>
      reject(
        new Error(`${file.name} could not be read: ${reader.error?.message ?? 'unknown error'}`),
      );
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.readAsArrayBuffer(file);
  });
}

/** Base64 of some bytes, in chunks so a 20 MB file does not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const chunk = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** Base64 of text, as UTF-8 bytes (pasted articles). */
export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text));
}
