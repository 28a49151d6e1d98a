// Where a JSON text goes wrong. Engines word JSON.parse errors differently (V8 in Node 20 gives no
// position for most of them), so after JSON.parse has failed, this small scanner walks the text
// by the JSON grammar and reports the offset of the first character that cannot be there, or
// that the text ended too early. Used only on the error path.

export interface JsonErrorPosition {
  offset: number;
  /** The text ended while a value was still open. */
  truncated: boolean;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function findJsonErrorPosition(text: string): JsonErrorPosition {
  let i = 0;
  const fail = (at: number): never => {
    throw { offset: Math.min(at, text.length), truncated: at >= text.length };
  };
  const skip = () => {
    while (i < text.length && WS.has(text[i] as string)) i++;
  };
  const expect = (char: string) => {
    skip();
    if (text[i] !== char) fail(i);
    i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail(i);
      if (c === 92) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail(i + 2 + Math.min(4, text.length - i - 2));
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail(i + 1);
      } else i++;
    }
    fail(i);
  };
  const value = (): void => {
    skip();
    const c = text[i];
    if (c === undefined) fail(i);
    if (c === '"') {
      string();
      return;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      skip();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          skip();
          if (text[i] !== '"') fail(i);
          string();
          expect(':');
        }
        value();
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail(i);
      }
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
      if (word.startsWith(text.slice(i)) && i < text.length) fail(text.length);
    }
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match === null || match[0] === '' || match[0] === '-') fail(match?.[0] === '-' ? i + 1 : i);
    i += (match as RegExpExecArray)[0].length;
  };
  try {
    value();
    skip();
    if (i < text.length) fail(i);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as JsonErrorPosition;
    // A stack overflow on absurd nesting: report the start, the message still says it is invalid.
    return { offset: 0, truncated: false };
  }
  return { offset: text.length, truncated: false };
}
