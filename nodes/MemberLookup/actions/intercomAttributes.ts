/**
 * The `intercom` object of each found member: seed 003's contact attributes, ready for the
 * Intercom Contact node (member_number, member_type, region, facility, phone, positions).
 */
import type { IDataObject } from 'n8n-workflow';

import { toE164 } from '../../common/phone';
import type { AttributeSettings, DirectoryColumns, MemberTypeRule } from './settings';

export type MemberRow = Record<string, unknown>;

function text(value: unknown): string {
	return value === null || value === undefined ? '' : String(value).trim();
}

// Statuses are short labels; a plain lower-case comparison is enough and far cheaper than Intl collation.
function sameText(a: string, b: string): boolean {
	return a.length === b.length && a.toLowerCase() === b.toLowerCase();
}

/** First matching rule wins; an empty status or type ID in a rule matches anything. */
function memberTypeFor(
	status: string,
	memberTypeId: string,
	rules: MemberTypeRule[],
	fallback: AttributeSettings['memberTypeFallback'],
): string {
	const rule = rules.find(
		(candidate) =>
			(candidate.status === '' || sameText(candidate.status, status)) &&
			(candidate.memberTypeId === '' || candidate.memberTypeId === memberTypeId),
	);
	if (rule) return rule.memberType;
	if (fallback === 'status') return status;
	if (fallback === 'memberTypeId') return memberTypeId;
	return '';
}

export function intercomAttributesFor(
	member: MemberRow,
	positions: string[],
	columns: DirectoryColumns,
	settings: AttributeSettings,
): IDataObject {
	const status = text(member[columns.statusColumn]);
	// Seed 003: retired members are filed under RNAV instead of their last region and facility.
	const retired =
		settings.retiredOverride && settings.retiredStatus !== '' && sameText(status, settings.retiredStatus);
	return {
		member_number: text(member[columns.memberNumberColumn]),
		member_type: memberTypeFor(
			status,
			text(member[columns.memberTypeColumn]),
			settings.memberTypeRules,
			settings.memberTypeFallback,
		),
		region: retired ? settings.retiredValue : text(member[columns.regionColumn]),
		facility: retired ? settings.retiredValue : text(member[columns.facilityColumn]),
		phone: toE164(text(member[columns.phoneColumn]), settings.defaultCountry) ?? null,
		positions: positions.join(', '),
	};
}
