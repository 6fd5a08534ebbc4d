/**
 * Where a text stops being JSON, as a line and a column an author can go to.
 *
 * `JSON.parse` says what is wrong in words that differ between engines (V8 in Node 20 gives a
 * position for some mistakes and none for others, Firefox a line and column, Safari neither),
 * so the lesson checker scans the text itself once `JSON.parse` has refused it. The scan follows
 * RFC 8259's grammar and nothing else; it runs only on text already known to be bad.
 *
 * Rules this file keeps: pure; never throws; lines and columns count from 1.
 */

export interface JsonSyntaxError {
  /** what was found: `Unexpected token }`, `Unexpected end of input`, ... */
  message: string;
  line: number;
  column: number;
}

class Bad {
  constructor(readonly at: number, readonly message: string) {}
}

/** The first syntax error of `text`, or null when it is JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const s = new Scanner(text);
  try {
    s.value();
    s.space();
    if (s.at < text.length) s.fail();
    return null;
  } catch (e) {
    if (!(e instanceof Bad)) throw e;
    const before = text.slice(0, e.at).split('\n');
    return { message: e.message, line: before.length, column: before[before.length - 1].length + 1 };
  }
}

class Scanner {
  at = 0;
  constructor(private readonly text: string) {}

  fail(message?: string): never {
    const c = this.text[this.at];
    throw new Bad(this.at, message ?? (c === undefined ? 'Unexpected end of input' : `Unexpected token ${c}`));
  }

  space(): void {
    while (/[ \t\n\r]/.test(this.text[this.at] ?? '')) this.at++;
  }

  eat(c: string): boolean {
    this.space();
    if (this.text[this.at] !== c) return false;
    this.at++;
    return true;
  }

  value(): void {
    this.space();
    const c = this.text[this.at];
    if (c === '{') this.members('}', () => {
      this.space();
      if (this.text[this.at] !== '"') this.fail();
      this.string();
      if (!this.eat(':')) this.fail();
      this.value();
    });
    else if (c === '[') this.members(']', () => this.value());
    else if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else this.word();
  }

  /** `{ ... }` or `[ ... ]`: items separated by commas, no trailing comma. */
  members(close: string, item: () => void): void {
    this.at++;
    if (this.eat(close)) return;
    for (;;) {
      item();
      if (this.eat(close)) return;
      if (!this.eat(',')) this.fail();
    }
  }

  string(): void {
    this.at++;
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) this.fail();
      if (c === '"') break;
      if (c < ' ') this.fail('Bad control character in string literal');
      if (c === '\\') {
        this.at++;
        const e = this.text[this.at];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 1, this.at + 5))) this.fail('Bad Unicode escape in string literal');
          this.at += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) this.fail('Bad escaped character in string literal');
      }
      this.at++;
    }
    this.at++;
  }

  number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at));
    if (!m) this.fail(`Unexpected token ${this.text[this.at]}`);
    this.at += m[0].length;
  }

  word(): void {
    for (const w of ['true', 'false', 'null']) {
      if (this.text.startsWith(w, this.at)) {
        this.at += w.length;
        return;
      }
    }
    this.fail();
  }
}
