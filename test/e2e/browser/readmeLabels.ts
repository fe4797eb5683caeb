/**
 * The field names the README's Credentials section gives for each credential: a bold credential name opens a
 * paragraph, and each field is written in italics (*Access Token*) in the lines that follow it.
 */
export function credentialLabelsInReadme(readme: string): Map<string, string[]> {
	const section = readme.split(/^## Credentials$/m)[1]?.split(/^## /m)[0] ?? '';
	const labels = new Map<string, string[]>();
	for (const paragraph of section.split(/\n(?=\*\*)/)) {
		const name = paragraph.match(/^\*\*(.+?)\*\*/)?.[1];
		if (!name) continue;
		const italics = [...paragraph.matchAll(/(?<![*\w])\*([^*\n]+)\*(?![*\w])/g)].map((match) => match[1]);
		labels.set(name, italics);
	}
	return labels;
}
