/**
 * `npm run bench [name …]`: runs every `test/bench/*.bench.ts` (or those whose file name contains one of
 * the arguments) one after another. Each bench file exports `main()` and can also be run on its own.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function runBenches(filters: string[]): Promise<void> {
	const files = readdirSync(__dirname)
		.filter((file) => file.endsWith('.bench.ts'))
		.filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
		.sort();
	if (files.length === 0) throw new Error(`No benchmark matches ${filters.join(', ')}`);
	for (const file of files) {
		console.log(`\n=== ${file}`);
		const bench = (await import(join(__dirname, file))) as { main?: () => Promise<void> };
		if (typeof bench.main !== 'function') throw new Error(`${file} does not export main()`);
		await bench.main();
	}
}

runBenches(process.argv.slice(2)).catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
