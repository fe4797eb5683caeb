import { GrammarError, parseInList, parseReadRequest } from '../support/supabase-fake/grammar';

const parse = (query: string) => parseReadRequest('member_positions', new URLSearchParams(query));

describe('in-lists, split the way PostgREST splits them', () => {
	it.each([
		['(12345,22222)', ['12345', '22222']],
		['("a,b",c)', ['a,b', 'c']],
		['("a)b")', ['a)b']],
		['("say \\"hi\\"",x)', ['say "hi"', 'x']],
		['(x"y,"z)', ['x"y', '"z']],
		['("a"b,c)', ['"a"b', 'c']],
		['(a,)', ['a', '']],
		['()', []],
	])('%s', (raw, values) => {
		expect(parseInList(raw)).toEqual(values);
	});

	it.each(['12345,22222', '(a)b)', '(a'])('rejects %s', (raw) => {
		expect(() => parseInList(raw)).toThrow(expect.objectContaining({ kind: 'invalid' }));
	});
});

describe('read requests', () => {
	it('parses what supabase-js sends for the positions lookup', () => {
		expect(parse('select=membernumber%2Cposition&membernumber=in.%2812345%2C22222%29&active=eq.true')).toEqual({
			table: 'member_positions',
			columns: ['membernumber', 'position'],
			filters: [
				{ column: 'membernumber', operator: 'in', values: ['12345', '22222'] },
				{ column: 'active', operator: 'eq', value: 'true' },
			],
			order: [],
		});
	});

	it('keeps everything after the operator as the value', () => {
		expect(parse('membernumber=eq.a.b=c&id=gte.2').filters).toEqual([
			{ column: 'membernumber', operator: 'eq', value: 'a.b=c' },
			{ column: 'id', operator: 'gte', value: '2' },
		]);
	});

	it('parses order, limit and offset', () => {
		expect(parse('select=*&order=position.desc.nullslast,id&limit=10&offset=20')).toEqual({
			table: 'member_positions',
			columns: undefined,
			filters: [],
			order: [
				{ column: 'position', descending: true, nulls: 'last' },
				{ column: 'id', descending: false },
			],
			limit: 10,
			offset: 20,
		});
	});

	it.each([
		['select=a,b(c)', 'unsupported'],
		['select=a:b', 'unsupported'],
		['select=', 'invalid'],
		['select=a&select=b', 'unsupported'],
		['or=(a.eq.1,b.eq.2)', 'unsupported'],
		['members.active=eq.true', 'unsupported'],
		['apikey=secret', 'unsupported'],
		['a-b=eq.1', 'unsupported'],
		['active=not.eq.true', 'unsupported'],
		['position=ilike.*rep*', 'unsupported'],
		['active=eq', 'invalid'],
		['active=equals.true', 'invalid'],
		['active=is.maybe', 'invalid'],
		['order=id.sideways', 'invalid'],
		['limit=-1', 'invalid'],
		['offset=1e3', 'invalid'],
	])('refuses %s as %s', (query, kind) => {
		let thrown: unknown;
		try {
			parse(query);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(GrammarError);
		expect((thrown as GrammarError).kind).toBe(kind);
	});

	it('refuses a table name that is not a plain identifier', () => {
		expect(() => parseReadRequest('member_positions;drop', new URLSearchParams())).toThrow(GrammarError);
	});
});
