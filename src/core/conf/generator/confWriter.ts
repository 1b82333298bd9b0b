/** Builds a commented config file: every directive carries the reason it is there. */
import { quoteArg } from '../tokenizer';

export class ConfWriter {
  private readonly lines: string[] = [];

  section(title: string): this {
    if (this.lines.length) this.lines.push('');
    this.lines.push(`# --- ${title} ---`);
    return this;
  }

  comment(text: string): this {
    this.lines.push(`# ${text}`);
    return this;
  }

  /** A directive whose arguments are quoted as Redis' tokenizer needs; `why` becomes the comment above it. */
  set(name: string, args: Array<string | number>, why?: string): this {
    if (why) this.lines.push(`# ${why}`);
    this.lines.push([name, ...args.map((arg) => quoteArg(String(arg)))].join(' '));
    return this;
  }

  raw(line: string): this {
    this.lines.push(line);
    return this;
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}
