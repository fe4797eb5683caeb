/**
 * Deterministic synthetic members for load tests and the benchmark: member `i` always has the same number,
 * email, status and positions, so the MariaDB directory and the Supabase positions agree without sharing state.
 * Numbers start at 500000, clear of the reference fixtures (12345 … 44445).
 */

export const FIRST_SYNTHETIC_NUMBER = 500_000;

export interface SyntheticMember {
	membernumber: string;
	firstname: string;
	lastname: string;
	email: string;
	phone: string | null;
	region: string;
	facility: string;
	status: 'Active' | 'Retired' | 'Inactive';
	membertypeid: number;
}

export interface SyntheticPosition {
	membernumber: string;
	position: string;
	active: boolean;
}

const FIRST_NAMES = ['Alex', 'Sam', 'Maria', 'Chen', 'Priya', 'Jordan', 'Fatima', 'Lee'];
const REGIONS = ['GL', 'NE', 'SO', 'WP', 'CE', 'EA', 'NM', 'SW', 'AL'];
const FACILITIES = ['ZAU', 'ZBW', 'ZTL', 'ZLA', 'ORD', 'ZNY', 'ZDC', 'ZFW'];

export function syntheticMemberNumber(index: number): string {
	return String(FIRST_SYNTHETIC_NUMBER + index);
}

/** Every 10th email is stored in mixed case, as directories often do; lookups must still find it. */
export function syntheticEmail(index: number): string {
	return index % 10 === 3 ? `Member.${index}@Example.org` : `member.${index}@example.org`;
}

export function syntheticMember(index: number): SyntheticMember {
	const line = String(1000 + (index % 9000));
	return {
		membernumber: syntheticMemberNumber(index),
		firstname: FIRST_NAMES[index % FIRST_NAMES.length],
		lastname: `Member${index}`,
		email: syntheticEmail(index),
		// Mixed national formats, and some members without a phone.
		phone: index % 7 === 0 ? null : index % 2 ? `(765) 555-${line}` : `765.555.${line}`,
		region: REGIONS[index % REGIONS.length],
		facility: FACILITIES[index % FACILITIES.length],
		status: index % 20 === 5 ? 'Retired' : index % 50 === 7 ? 'Inactive' : 'Active',
		membertypeid: 1 + (index % 3),
	};
}

/** About half the members hold positions: some one, some two, some only a former (inactive) one. */
export function syntheticPositions(index: number): SyntheticPosition[] {
	const membernumber = syntheticMemberNumber(index);
	const positions: SyntheticPosition[] = [];
	if (index % 4 === 0) positions.push({ membernumber, position: 'Facility Representative', active: true });
	if (index % 12 === 0) positions.push({ membernumber, position: 'Area Secretary', active: true });
	if (index % 6 === 1) positions.push({ membernumber, position: 'Former Treasurer', active: false });
	return positions;
}

/** Yields consecutive slices of `[0, count)` of at most `size`, for batched inserts. */
export function* batches(count: number, size: number): Generator<{ start: number; end: number }> {
	for (let start = 0; start < count; start += size) yield { start, end: Math.min(count, start + size) };
}
