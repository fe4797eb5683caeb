/**
 * Runs GitHub's own workflow parser (@actions/workflow-parser, the one behind GitHub's Actions language service)
 * over a workflow file and prints its errors as a JSON array: `tsx githubWorkflowParser.ts <file>`.
 *
 * A separate process because the parser is an ES module that imports its schema JSON without an import
 * attribute: Jest's CommonJS runtime cannot load it, tsx can. No network: the schema ships in the package.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

async function main(file: string): Promise<void> {
	const { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } = await import('@actions/workflow-parser');
	const parsed = parseWorkflow({ name: basename(file), content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
	// Conversion adds the checks across jobs (needs, outputs); it only runs when parsing found nothing.
	if (parsed.value && parsed.context.errors.count === 0) await convertWorkflowTemplate(parsed.context, parsed.value);
	console.log(JSON.stringify(parsed.context.errors.getErrors().map((error) => error.message)));
}

main(process.argv[2]).catch((error: unknown) => {
	console.error(error);
	process.exit(2);
});
