/**
 * Writes a set of generated files into a folder all-or-nothing: each file goes to a temporary file created
 * beside it (exclusive, never through a symlink, with its final mode — 0600 for secrets — from the moment
 * it exists), and only when every one is written are they renamed into place. Replaced files are kept aside
 * until the last rename succeeded, so a failure part-way restores the folder as it was.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { describeFsError } from './workspaceFiles';

export interface OutputFile {
  /** Path inside the output folder (forward slashes; no "..", not absolute). */
  path: string;
  content: string;
  /** Permission bits; 0o644 when absent. */
  mode?: number;
}

/** A refusal or failure with a message fit for the user (no stack trace needed). */
export class OutputError extends Error {}

export interface WriteOptions {
  /** Replace files that exist (regular files and symlinks; the symlink itself is replaced, never its target). */
  force: boolean;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir never returns for some paths under /proc, and a
 * level-by-level walk names the exact folder that could not be made.
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  let current = folder;
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) throw new OutputError(`${current} exists and is not a folder`);
      break;
    } catch (error) {
      if (error instanceof OutputError) throw error;
      if (errorCode(error) !== 'ENOENT') throw new OutputError(`cannot use ${current}: ${describeFsError(error)}`);
      const parent = dirname(current);
      if (parent === current) throw new OutputError(`cannot create ${folder}: ${describeFsError(error)}`);
      missing.unshift(current);
      current = parent;
    }
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw new OutputError(`cannot create folder ${path}: ${describeFsError(error)}`);
    }
  }
}

interface Planned {
  file: OutputFile;
  target: string;
  temporary: string;
  /** Where the file it replaces was moved, once moved. */
  backup?: string;
  exists: boolean;
}

function siblingName(target: string, purpose: string): string {
  return join(dirname(target), `.${target.slice(dirname(target).length + 1)}.${purpose}-${randomBytes(6).toString('hex')}`);
}

function writeTemporary(planned: Planned): void {
  const mode = planned.file.mode ?? 0o644;
  // O_EXCL + O_NOFOLLOW: a name someone planted (a symlink to elsewhere) makes the open fail instead of redirecting it.
  const fd = openSync(planned.temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    fchmodSync(fd, mode); // the umask may have narrowed the bits; set exactly what was asked
    const bytes = Buffer.from(planned.file.content, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string | undefined): void {
  if (!path) return;
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Checks every target before anything is written; returns the plan or throws with all clashes at once. */
function plan(folder: string, files: readonly OutputFile[], options: WriteOptions): Planned[] {
  const clashes: string[] = [];
  const planned = files.map((file) => {
    if (isAbsolute(file.path) || normalize(file.path).split(/[\\/]/).includes('..')) throw new OutputError(`refusing to write ${file.path}: outside the output folder`);
    const target = resolve(folder, file.path);
    let exists = false;
    try {
      const stats = lstatSync(target);
      exists = true;
      if (stats.isDirectory()) throw new OutputError(`${target} is a folder; move it away to write ${file.path} here`);
      if (!stats.isFile() && !stats.isSymbolicLink()) throw new OutputError(`${target} is not a regular file; refusing to replace it`);
      if (!options.force) clashes.push(file.path + (stats.isSymbolicLink() ? ' (a symbolic link)' : ''));
    } catch (error) {
      if (error instanceof OutputError) throw error;
      if (errorCode(error) !== 'ENOENT') throw new OutputError(`cannot check ${target}: ${describeFsError(error)}`);
    }
    return { file, target, temporary: siblingName(target, 'tmp'), exists };
  });
  if (clashes.length) throw new OutputError(`refusing to overwrite ${clashes.join(', ')} (use --force): ${clashes.length === 1 ? 'it already exists' : 'they already exist'} in ${folder}; nothing was written`);
  return planned;
}

/** Writes every file or none; returns the absolute paths written, in order. Throws OutputError. */
export function writeOutputFiles(folder: string, files: readonly OutputFile[], options: WriteOptions): string[] {
  try {
    if (!statSync(folder).isDirectory()) throw new OutputError(`${folder} is a file, not a folder; give a folder to write into (nothing was written)`);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    // Missing is fine (it is created below); other errors surface there with the exact folder.
  }
  const planned = plan(folder, files, options);
  makeFolder(folder);
  for (const entry of planned) makeFolder(dirname(entry.target));
  try {
    for (const entry of planned) writeTemporary(entry);
  } catch (error) {
    for (const entry of planned) removeQuietly(entry.temporary);
    throw new OutputError(`cannot write into ${folder}: ${describeFsError(error)} (nothing was written)`);
  }
  const done: Planned[] = [];
  try {
    for (const entry of planned) {
      if (entry.exists) {
        entry.backup = siblingName(entry.target, 'old');
        renameSync(entry.target, entry.backup);
      }
      done.push(entry);
      renameSync(entry.temporary, entry.target);
    }
  } catch (error) {
    // Put back what was replaced, newest first, so the folder is as it was.
    for (const entry of done.reverse()) {
      if (entry.backup) {
        try {
          renameSync(entry.backup, entry.target);
        } catch {
          // leave the backup where it is rather than lose it
        }
      } else removeQuietly(entry.target);
    }
    for (const entry of planned) removeQuietly(entry.temporary);
    throw new OutputError(`cannot replace files in ${folder}: ${describeFsError(error)} (nothing was changed)`);
  }
  for (const entry of planned) removeQuietly(entry.backup);
  return planned.map((entry) => entry.target);
}
