// The only place that touches the file system and the process streams.
// `main()` receives an `IO`, so tests run the whole CLI in-process with fakes.

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface InStream {
  isTTY?: boolean;
}

export interface IO {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: InStream & NodeJS.ReadableStream;
  stdout: OutStream & NodeJS.WritableStream;
  stderr: OutStream & NodeJS.WritableStream;
}

// Every write goes through write-file.ts; re-exported here, where the file system is.
export { stageFile, writeFileAtomic, WriteRefused, type StagedWrite, type WriteOptions } from './write-file.js';

export { fileStamp, readUtf8, type DecodedFile } from '../pipeline/read-file.js';
