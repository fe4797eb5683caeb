/**
 * The node's outputs for its saved parameters. n8n evaluates this in the editor and on the server from the
 * node description's `outputs` expression, so it is stringified: keep it plain, self-contained JavaScript.
 */
export const configuredOutputs = (parameters: { whenNotFound?: string }) =>
	parameters.whenNotFound === 'notFoundOutput'
		? [
				{ type: 'main', displayName: 'Found' },
				{ type: 'main', displayName: 'Not Found' },
			]
		: ['main'];

export const OUTPUTS_EXPRESSION = `={{(${configuredOutputs.toString()})($parameter)}}` as const;
