/**
 * A failure of one of the Member Lookup's two services (the MySQL directory, Supabase), already put in words a user
 * can act on. Here rather than in the node folder because the member database's credential test words its
 * failures the same way.
 */
export class LookupFailure extends Error {
	constructor(
		message: string,
		readonly description: string,
		/** `remote`: the service answered badly or not at all; `configuration`: our settings are unusable. */
		readonly kind: 'remote' | 'configuration',
		readonly detail?: string,
	) {
		super(message);
		this.name = 'LookupFailure';
	}

	/** Failures we worded pass through; anything else is a surprise, reported with its own message. */
	static from(error: unknown): LookupFailure {
		if (error instanceof LookupFailure) return error;
		return new LookupFailure(
			'The member lookup failed unexpectedly',
			'Check the node settings and retry; if it keeps failing, report it with the details.',
			'configuration',
			errorText(error),
		);
	}
}

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
