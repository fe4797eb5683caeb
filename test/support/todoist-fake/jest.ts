/**
 * Jest wiring: a fresh Todoist fake for every test, stopped after it; a request that broke the contract fails
 * the test that sent it. Tests that send such requests on purpose read and empty `fake.rejected` themselves.
 *
 *   const todoist = useTodoistFake();
 *   it('…', async () => { const task = todoist.fake.seedTask(); … });
 */
import { startTodoistFake, type TodoistFake, type TodoistFakeOptions } from './index';

export function useTodoistFake(options: TodoistFakeOptions = {}): { readonly fake: TodoistFake } {
	let current: TodoistFake | undefined;
	beforeEach(async () => {
		current = await startTodoistFake(options);
	});
	afterEach(async () => {
		const fake = current;
		current = undefined;
		if (!fake) return;
		await fake.close();
		if (fake.rejected.length > 0) {
			throw new Error(`The Todoist fake refused ${fake.rejected.length} request(s) that break the contract:\n${JSON.stringify(fake.rejected, null, 2)}`);
		}
	});
	return {
		get fake(): TodoistFake {
			if (!current) throw new Error('The Todoist fake is not running (use it inside a test)');
			return current;
		},
	};
}
