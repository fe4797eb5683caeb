import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { checkCustomQuery, isValidIdentifier, isValidTableName, type EmailComparison } from './sql';

// Defaults follow the reference schemas in test/fixtures/members.
export const DEFAULT_TABLE = 'members';
export const DEFAULT_COLUMNS = {
	memberNumberColumn: 'membernumber',
	emailColumn: 'email',
	statusColumn: 'status',
	memberTypeColumn: 'membertypeid',
	regionColumn: 'region',
	facilityColumn: 'facility',
	phoneColumn: 'phone',
};
export const DEFAULT_CUSTOM_QUERY = 'SELECT * FROM members WHERE email IN (?)';
export const DEFAULT_POSITIONS = {
	table: 'member_positions',
	memberNumberColumn: 'membernumber',
	positionColumn: 'position',
	activeColumn: 'active',
};
export const DEFAULT_STATUSES = 'Active, Retired';
export const DEFAULT_STATUS_ORDER = 'Active, Retired';
export const DEFAULT_RETIRED_STATUS = 'Retired';
export const DEFAULT_RETIRED_VALUE = 'RNAV';
export const DEFAULT_COUNTRY = 'US';

export type DirectoryColumns = typeof DEFAULT_COLUMNS;
export type MatchBy = 'email' | 'memberNumber';

export interface PositionsSettings {
	table: string;
	memberNumberColumn: string;
	positionColumn: string;
	activeColumn: string;
	activeOnly: boolean;
}

export interface MemberTypeRule {
	status: string;
	memberTypeId: string;
	memberType: string;
}

export interface AttributeSettings {
	defaultCountry: CountryCode;
	memberTypeRules: MemberTypeRule[];
	memberTypeFallback: 'status' | 'memberTypeId' | 'empty';
	retiredOverride: boolean;
	retiredStatus: string;
	retiredValue: string;
}

export type DirectorySource = { kind: 'table'; table: string } | { kind: 'customQuery'; sql: string };

export type WhenNotFound = 'outputNotFound' | 'drop' | 'notFoundOutput';

export interface LookupSettings {
	matchBy: MatchBy;
	statuses: string[];
	statusOrder: string[];
	whenNotFound: WhenNotFound;
	directory: DirectorySource;
	columns: DirectoryColumns;
	emailComparison: EmailComparison;
	/** Undefined when positions are turned off. */
	positions?: PositionsSettings;
	attributes: AttributeSettings;
}

/**
 * Node-level settings, read once: one query serves many items, so these cannot differ per item.
 * Every name that ends up in SQL or a Supabase request is validated here.
 */
export function readSettings(ctx: IExecuteFunctions): LookupSettings {
	const get = <T>(name: string, fallback?: T) => ctx.getNodeParameter(name, 0, fallback) as T;
	const fail = (message: string, description: string) =>
		new NodeOperationError(ctx.getNode(), message, { itemIndex: 0, description });

	const columns = { ...DEFAULT_COLUMNS, ...nonEmpty(get<IDataObject>('columns', {})) } as DirectoryColumns;
	for (const [setting, name] of Object.entries(columns)) {
		if (!isValidIdentifier(name)) {
			throw fail(
				`The column name “${name}” is not allowed`,
				`Check “${setting}” under Column Names: use only letters, digits and underscores, as the column is named in the database.`,
			);
		}
	}

	const directory = readDirectory(get, fail);
	const options = get<IDataObject>('options', {});
	const statusOrder = String(options.statusOrder ?? DEFAULT_STATUS_ORDER);

	return {
		matchBy: get<MatchBy>('matchBy'),
		statuses: listOf(get<unknown>('statuses', [])),
		statusOrder: listOf(statusOrder),
		whenNotFound: get<WhenNotFound>('whenNotFound', 'outputNotFound'),
		directory,
		columns,
		emailComparison: (options.emailComparison as EmailComparison) ?? 'collation',
		positions: get<boolean>('includePositions', true) ? readPositions(get, fail) : undefined,
		attributes: readAttributes(get, fail),
	};
}

type Getter = <T>(name: string, fallback?: T) => T;
type Fail = (message: string, description: string) => NodeOperationError;

function readDirectory(get: Getter, fail: Fail): DirectorySource {
	if (get<string>('source', 'table') === 'customQuery') {
		const sql = get<string>('customQuery', '');
		const problem = checkCustomQuery(sql);
		if (problem) {
			throw fail(problem, 'Open Custom Query and correct it, for example: SELECT * FROM members WHERE email IN (?)');
		}
		return { kind: 'customQuery', sql };
	}
	const table = get<string>('table', DEFAULT_TABLE).trim();
	if (!isValidTableName(table)) {
		throw fail(
			`The table name “${table}” is not allowed`,
			'Check Table: use the name as it appears in the database (letters, digits and underscores), optionally as database.table.',
		);
	}
	return { kind: 'table', table };
}

function readPositions(get: Getter, fail: Fail): PositionsSettings {
	const chosen = get<IDataObject>('positions', {});
	const names = { ...DEFAULT_POSITIONS, ...nonEmpty(chosen, ['activeOnly']) };
	for (const [setting, name] of Object.entries(names)) {
		if (!isValidIdentifier(name)) {
			throw fail(
				`The Supabase name “${name}” is not allowed`,
				`Check “${setting}” under Positions Table: use only letters, digits and underscores, as named in Supabase.`,
			);
		}
	}
	return { ...names, activeOnly: chosen.activeOnly !== false };
}

function readAttributes(get: Getter, fail: Fail): AttributeSettings {
	const chosen = get<IDataObject>('intercomAttributes', {});
	const country = String(chosen.defaultCountry ?? DEFAULT_COUNTRY).toUpperCase();
	if (!isSupportedCountry(country)) {
		throw fail(`“${country}” is not a country the phone formatter knows`, 'Choose a Default Phone Country from the list.');
	}
	const rules = ((chosen.memberTypeRules as IDataObject | undefined)?.rule ?? []) as IDataObject[];
	return {
		defaultCountry: country,
		memberTypeRules: rules.map((rule) => ({
			status: String(rule.status ?? '').trim(),
			memberTypeId: String(rule.memberTypeId ?? '').trim(),
			memberType: String(rule.memberType ?? ''),
		})),
		memberTypeFallback: (chosen.memberTypeFallback as AttributeSettings['memberTypeFallback']) ?? 'status',
		retiredOverride: chosen.retiredOverride !== false,
		retiredStatus: String(chosen.retiredStatus ?? DEFAULT_RETIRED_STATUS).trim(),
		retiredValue: String(chosen.retiredValue ?? DEFAULT_RETIRED_VALUE),
	};
}

/** Text such as "Active, Retired"; workflows saved with the earlier multi-select hold an array. */
function listOf(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter(Boolean);
}

/** Settings the user added but left blank fall back to the default. */
function nonEmpty(values: IDataObject, skip: string[] = []): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(values)) {
		if (skip.includes(key)) continue;
		const text = String(value ?? '').trim();
		if (text !== '') result[key] = text;
	}
	return result;
}
