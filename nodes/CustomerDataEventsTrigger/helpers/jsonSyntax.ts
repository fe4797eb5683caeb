/**
 * Where a body stops being JSON, for the 400 answer. JSON.parse's messages differ between Node versions and often
 * omit the position ("Unexpected token 'x', "…" is not valid JSON"), so a small scanner finds the first error itself.
 * It only runs after JSON.parse has failed.
 */

export interface JsonSyntaxError {
	/** Offset into the text (UTF-16 code units) where the problem starts. */
	offset: number;
	/** What was wrong there, in plain words. */
	problem: string;
}

class Stop extends Error {
	constructor(readonly found: JsonSyntaxError) {
		super(found.problem);
	}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The first syntax error in `text`, or undefined when it is one valid JSON value. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
	let at = 0;
	const fail = (problem: string): never => {
		throw new Stop({ offset: at, problem });
	};
	const show = () => (at >= text.length ? 'the end of the body' : /[\x20-\x7e]/.test(text[at]) ? `'${text[at]}'` : JSON.stringify(text[at]));
	const skipSpace = () => {
		while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
	};
	const expect = (char: string, what: string) => {
		skipSpace();
		if (text[at] !== char) fail(`expected ${what} but found ${show()}`);
		at++;
	};

	const string = () => {
		at++;
		while (at < text.length) {
			const char = text[at];
			if (char === '"') {
				at++;
				return;
			}
			if (char === '\\') {
				const next = text[at + 1];
				if (next !== undefined && '"\\/bfnrt'.includes(next)) at += 2;
				else if (next === 'u' && HEX4.test(text.slice(at + 2, at + 6))) at += 6;
				else fail('a backslash in a string starts no valid escape');
			} else if (char.charCodeAt(0) < 0x20) {
				fail('a string holds a raw line break or control character (write it as \\n)');
			} else at++;
		}
		fail('a string is not closed with "');
	};

	const value = (depth: number): void => {
		if (depth > 512) fail('the values are nested more than 512 levels deep');
		skipSpace();
		const char = text[at];
		if (char === '{') {
			at++;
			skipSpace();
			if (text[at] === '}') {
				at++;
				return;
			}
			for (;;) {
				skipSpace();
				if (text[at] !== '"') fail(`expected a property name in double quotes but found ${show()}`);
				string();
				expect(':', "':' after the property name");
				value(depth + 1);
				skipSpace();
				if (text[at] === ',') at++;
				else if (text[at] === '}') return void at++;
				else fail(`expected ',' or '}' but found ${show()}`);
			}
		}
		if (char === '[') {
			at++;
			skipSpace();
			if (text[at] === ']') {
				at++;
				return;
			}
			for (;;) {
				value(depth + 1);
				skipSpace();
				if (text[at] === ',') at++;
				else if (text[at] === ']') return void at++;
				else fail(`expected ',' or ']' but found ${show()}`);
			}
		}
		if (char === '"') return string();
		for (const literal of ['true', 'false', 'null']) {
			if (text.startsWith(literal, at)) {
				at += literal.length;
				return;
			}
		}
		NUMBER.lastIndex = at;
		const number = NUMBER.exec(text);
		if (number && number[0].length > 0 && number[0] !== '-') {
			at += number[0].length;
			return;
		}
		fail(`expected a value but found ${show()}`);
	};

	try {
		value(0);
		skipSpace();
		if (at < text.length) fail(`unexpected ${show()} after the end of the JSON value`);
		return undefined;
	} catch (error) {
		// Only Stop is thrown here (nesting is capped, so the stack holds); were anything else to come up, JSON.parse's
		// own message is what the caller shows.
		return error instanceof Stop ? error.found : undefined;
	}
}

/** "line 3, column 14" for an offset into `text` (both counted from 1). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
	const before = text.slice(0, offset);
	const lineStart = before.lastIndexOf('\n') + 1;
	return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** A short, printable excerpt of `text` around `offset`, for the error message. */
export function excerptAt(text: string, offset: number, width = 24): string {
	const start = Math.max(0, offset - width);
	const excerpt = text.slice(start, offset + width).replace(/[\r\n\t]/g, ' ');
	return `${start > 0 ? '…' : ''}${excerpt}${offset + width < text.length ? '…' : ''}`;
}

/**
 * Where `text` stops being JSON: "at line 3, column 14: expected ',' or '}' but found '"', near: …", or only the
 * column for one line of NDJSON. Falls back to JSON.parse's own message should the scanner find nothing wrong.
 */
export function describeJsonError(text: string, parseMessage: string, oneLine = false): string {
	const found = findJsonSyntaxError(text);
	if (!found) return `(${parseMessage})`;
	const { line, column } = lineAndColumn(text, found.offset);
	const where = oneLine ? `at column ${column}` : `at line ${line}, column ${column}`;
	return `${where}: ${found.problem}, near: ${excerptAt(text, found.offset)}`;
}
